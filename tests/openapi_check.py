"""openapi_check.py: check real answers of 'rasoat serve' against docs/openapi.json: the
path and method are documented, the status is one of the operation's responses, the media
type is one it lists, and a JSON body (or each line of JSON Lines) is valid under its
schema, by Debian's python3-jsonschema (JSON Schema 2020-12, the dialect of OpenAPI 3.1),
with every $ref resolved inside the document."""
import json
import re

from jsonschema import Draft202012Validator, RefResolver


class Spec:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.doc = json.load(f)
        if not self.doc.get("openapi", "").startswith("3."):
            raise ValueError("not an OpenAPI 3 document")
        self.resolver = RefResolver.from_schema(self.doc)

    def resolve(self, obj):
        """A response or schema object with its $ref (if any) followed."""
        while "$ref" in obj:
            obj = self.resolver.resolve(obj["$ref"])[1]
        return obj

    def errors(self, schema, value, where="$"):
        """The ways 'value' breaks 'schema' (an empty list when it is valid)."""
        validator = Draft202012Validator(schema, resolver=self.resolver)
        return ["%s%s: %s" % (where, "".join("[%r]" % p for p in e.absolute_path), e.message[:200])
                for e in validator.iter_errors(value)]

    def operation(self, method, path):
        """The documented operation of 'method' 'path' (query dropped), or None."""
        path = path.split("?", 1)[0]
        for template, item in self.doc["paths"].items():
            rx = "^" + re.sub(r"\\\{[^}]+\\\}", ".+", re.escape(template)) + "$"
            if re.match(rx, path) and method.lower() in item:
                return item[method.lower()]
        return None

    def check(self, method, path, status, content_type, body):
        """The ways one real answer disagrees with the document."""
        op = self.operation(method, path)
        if op is None:
            # Not an operation: a documented path with another method is 405, any other 404.
            known = any(self.operation(m, path) for m in ("get", "post"))
            want = 405 if known else 404
            if status != want:
                return ["%s %s: not in the document, answered %d (not %d)" % (method, path, status, want)]
            try:
                return self.errors({"$ref": "#/components/schemas/Error"}, json.loads(body), "%s %s" % (method, path))
            except ValueError:
                return ["%s %s: the %d answer is not JSON" % (method, path, status)]
        resp = op["responses"].get(str(status))
        if resp is None:
            return ["%s %s: status %d is not documented" % (method, path, status)]
        resp = self.resolve(resp)
        content = resp.get("content")
        if not content:
            return []
        media = (content_type or "").split(";")[0].strip()
        if media not in content:
            return ["%s %s %d: Content-Type %r is not one of %s" % (method, path, status, media, list(content))]
        schema = content[media].get("schema", {})
        where = "%s %s %d" % (method, path, status)
        if media == "application/json":
            try:
                value = json.loads(body)
            except ValueError as e:
                return ["%s: not JSON (%s)" % (where, e)]
            return self.errors(schema, value, where)
        if media == "application/x-ndjson":
            out = []
            for i, line in enumerate(body.decode("utf-8").splitlines()):
                out += self.errors(schema, json.loads(line), "%s line %d" % (where, i + 1))
            return out
        return []
