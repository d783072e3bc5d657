/*
** serve_stream.h: streaming a classification through 'rasoat serve'. The request body is
** written into a pipe as it arrives; a thread of the request reads it with the CLI's own
** classify path (classify_stream.h) and writes the records into an unlinked temporary
** file, from which the response is sent as it grows. Neither the input nor the output sits
** in memory: libmicrohttpd answers only once the body is read, so the output waits on disk.
*/
#ifndef RASOAT_CLI_SERVE_STREAM_H
#define RASOAT_CLI_SERVE_STREAM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "rasoat.h"

typedef struct serve_stream serve_stream;

/*
** Start classifying with 'engine' (used by the stream's thread only, until
** serve_stream_finish): 'name' as classify_stream's ("x.csv" for CSV, NULL otherwise).
** NULL when a pipe, the temporary file or the thread cannot be made.
*/
serve_stream *serve_stream_start(rasoat_engine *engine, const char *name, rasoat_lang lang);

/* Hand 'size' bytes of the body to the classifier (blocks while it catches up). Returns 0
** when it stopped reading (its output failed); the bytes are then dropped. */
int serve_stream_feed(serve_stream *s, const char *data, size_t size);

/* The body is complete (or abandoned): the classifier sees the end of its input. */
void serve_stream_end_input(serve_stream *s);

/*
** For the response: copy up to 'max' bytes of the output from offset 'pos' into 'buf',
** waiting while the classifier has written no more and is not done. Returns the bytes
** copied, 0 at the end of the output, -1 on failure (also at the end of the output of a
** run that could not read its input or write its output: the answer is then cut off).
*/
ssize_t serve_stream_read(serve_stream *s, uint64_t pos, char *buf, size_t max);

/* End the input, wait for the thread, free everything; returns the classify exit status
** (EXIT_IO when it could not run). NULL is allowed (returns EXIT_IO). */
int serve_stream_finish(serve_stream *s);

/* An unlinked temporary file opened for reading and writing (in $TMPDIR, else /tmp); -1
** on failure. */
int serve_temp_fd(void);

#endif
