"""openapi_check.py: check real answers of 'rasoat serve' against docs/openapi.json: the
path and method are documented, the status is one of the operation's responses, the media
type is one it lists, and a JSON body (or each line of JSON Lines) is valid under its
schema. The validator covers the part of JSON Schema the file uses (type, const, enum,
properties, required, additionalProperties, items, oneOf, pattern, minLength, minimum,
$ref); a keyword outside it is refused, so the file cannot use one unchecked. Python's
standard library only (Debian has no OpenAPI validator package)."""
import json
import re

KNOWN = {"type", "const", "enum", "properties", "required", "additionalProperties", "items", "oneOf",
         "pattern", "minLength", "minimum", "$ref", "description", "default", "format"}


class Spec:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.doc = json.load(f)
        if not self.doc.get("openapi", "").startswith("3."):
            raise ValueError("not an OpenAPI 3 document")

    def resolve(self, schema):
        while "$ref" in schema:
            node = self.doc
            for part in schema["$ref"].lstrip("#/").split("/"):
                node = node[part]
            schema = node
        return schema

    def errors(self, schema, value, where="$"):
        """The ways 'value' breaks 'schema' (an empty list when it is valid)."""
        schema = self.resolve(schema)
        bad = [k for k in schema if k not in KNOWN]
        if bad:
            return ["%s: schema keyword(s) the checker does not know: %s" % (where, bad)]
        out = []
        if "type" in schema:
            types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            ok = any(_is(t, value) for t in types)
            if not ok:
                return ["%s: %r is not %s" % (where, _short(value), "/".join(types))]
        if "const" in schema and value != schema["const"]:
            out.append("%s: %r is not %r" % (where, _short(value), schema["const"]))
        if "enum" in schema and value not in schema["enum"]:
            out.append("%s: %r is not one of %s" % (where, _short(value), schema["enum"]))
        if isinstance(value, str):
            if "pattern" in schema and not re.search(schema["pattern"], value):
                out.append("%s: %r does not match %s" % (where, _short(value), schema["pattern"]))
            if len(value) < schema.get("minLength", 0):
                out.append("%s: shorter than %d" % (where, schema["minLength"]))
        if isinstance(value, (int, float)) and not isinstance(value, bool) and "minimum" in schema \
                and value < schema["minimum"]:
            out.append("%s: %r below %r" % (where, value, schema["minimum"]))
        if isinstance(value, dict):
            props = schema.get("properties", {})
            for k in schema.get("required", []):
                if k not in value:
                    out.append("%s: no member %r" % (where, k))
            for k, v in value.items():
                if k in props:
                    out += self.errors(props[k], v, "%s.%s" % (where, k))
                elif schema.get("additionalProperties") is False:
                    out.append("%s: member %r not in the schema" % (where, k))
                elif isinstance(schema.get("additionalProperties"), dict):
                    out += self.errors(schema["additionalProperties"], v, "%s.%s" % (where, k))
        if isinstance(value, list) and "items" in schema:
            for i, v in enumerate(value):
                out += self.errors(schema["items"], v, "%s[%d]" % (where, i))
        if "oneOf" in schema:
            n = sum(1 for s in schema["oneOf"] if not self.errors(s, value, where))
            if n != 1:
                out.append("%s: matches %d of the oneOf schemas, not exactly 1" % (where, n))
        return out

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


def _is(t, v):
    return {"object": isinstance(v, dict), "array": isinstance(v, list), "string": isinstance(v, str),
            "integer": isinstance(v, int) and not isinstance(v, bool),
            "number": isinstance(v, (int, float)) and not isinstance(v, bool),
            "boolean": isinstance(v, bool), "null": v is None}[t]


def _short(v):
    s = repr(v)
    return s if len(s) < 80 else s[:77] + "..."
