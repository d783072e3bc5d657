/*
** cmd_serve.c: 'rasoat serve': the rules as a small local service, the HTTP API of
** docs/http.md and the page for commune staff at '/', on libmicrohttpd. Binds 127.0.0.1
** by default; any other address needs --token. SIGHUP reloads the rules (only a tree that
** loads cleanly replaces the one in use); SIGINT and SIGTERM stop it.
*/
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "options.h"
#include "serve.h"

static const char help_vi[] =
    "Cách dùng: rasoat serve [TÙY CHỌN...]\n"
    "\n"
    "Chạy rasoat như một dịch vụ nhỏ trên máy: trang cho cán bộ xã tại http://ĐỊA_CHỈ/ (chọn\n"
    "tệp điều tra CSV hoặc JSON Lines, xem các hộ theo thôn, đọc giải thích, tải sổ báo cáo)\n"
    "và API HTTP /v1/... cho phần mềm của xã, tỉnh (docs/http.md). Mỗi câu trả lời giống hệt\n"
    "từng byte kết quả của lệnh tương ứng với cùng đầu vào và tùy chọn.\n"
    "\n"
    "Tùy chọn:\n"
    "  --rules THƯ_MỤC     thư mục bộ quy tắc (mặc định: %s)\n"
    "  --listen ĐC:CỔNG    địa chỉ và cổng (mặc định: 127.0.0.1:8080; cổng 0: cổng trống bất kỳ)\n"
    "  --token TỆP         yêu cầu mã truy cập (dòng đầu của TỆP) trong mọi yêu cầu API:\n"
    "                      'Authorization: Bearer MÃ'; bắt buộc khi địa chỉ không phải 127.x / ::1\n"
    "  --max-body SỐ       kích thước tối đa của nội dung một yêu cầu, byte, có thể kèm K, M, G\n"
    "                      (mặc định: 1G)\n"
    "  --workers N         số yêu cầu được xử lý cùng lúc, mỗi yêu cầu một bộ máy riêng;\n"
    "                      yêu cầu vượt quá nhận 429 (mặc định: 8)\n"
    "  --timeout GIÂY      đóng kết nối im lặng quá GIÂY giây (mặc định: 60)\n"
    "  --lang vi|en        ngôn ngữ mặc định của câu trả lời và thông báo\n"
    "  --help              hướng dẫn này\n"
    "\n"
    "Nạp lại bộ quy tắc: gửi SIGHUP hoặc POST /v1/reload; chỉ khi bộ mới nạp được trọn vẹn\n"
    "nó mới thay bộ đang dùng, nếu không dịch vụ vẫn dùng bộ cũ và nói lý do.\n"
    "\n"
    "Mã thoát: 0 dừng bình thường (SIGINT, SIGTERM); 2 lỗi dùng lệnh; 3 không mở được cổng.\n"
    "\n"
    "Ví dụ:\n"
    "  rasoat serve\n"
    "  rasoat serve --listen 0.0.0.0:8080 --token /etc/rasoat/token\n";

static const char help_en[] =
    "Usage: rasoat serve [OPTIONS...]\n"
    "\n"
    "Run rasoat as a small local service: a page for commune staff at http://ADDRESS/ (choose\n"
    "the survey file, CSV or JSON Lines, see the households by village, read an explanation,\n"
    "download the report workbook) and the HTTP API /v1/... for the commune's and the\n"
    "province's software (docs/http.md). Every answer is byte for byte what the matching\n"
    "command prints for the same input and options.\n"
    "\n"
    "Options:\n"
    "  --rules DIR         directory of rule sets (default: %s)\n"
    "  --listen ADDR:PORT  address and port (default: 127.0.0.1:8080; port 0: any free port)\n"
    "  --token FILE        require the access token (FILE's first line) on every API request:\n"
    "                      'Authorization: Bearer TOKEN'; required unless the address is\n"
    "                      127.x or ::1\n"
    "  --max-body N        most bytes of a request body, K, M or G allowed (default: 1G)\n"
    "  --workers N         requests worked on at once, each with an engine of its own; more\n"
    "                      get 429 (default: 8)\n"
    "  --timeout SECONDS   close a connection silent for SECONDS (default: 60)\n"
    "  --lang vi|en        default language of answers and messages\n"
    "  --help              this help\n"
    "\n"
    "Reloading the rules: send SIGHUP or POST /v1/reload; the new tree replaces the one in use\n"
    "only when it loads cleanly, otherwise the service keeps the last good one and says why.\n"
    "\n"
    "Exit status: 0 stopped (SIGINT, SIGTERM); 2 usage error; 3 the address cannot be bound.\n"
    "\n"
    "Examples:\n"
    "  rasoat serve\n"
    "  rasoat serve --listen 0.0.0.0:8080 --token /etc/rasoat/token\n";

typedef struct serve_args {
    const char *rules_dir, *listen, *token;
    uint64_t max_body;
    unsigned workers, timeout;
    rasoat_lang lang;
} serve_args;

/* A size with an optional K, M or G suffix (powers of 1024); 0 when not one. */
static uint64_t parse_size(const char *text)
{
    char *end;
    unsigned long long n;

    if (text[0] < '0' || text[0] > '9')
        return 0;
    errno = 0;
    n = strtoull(text, &end, 10);
    if (errno != 0 || end == text)
        return 0;
    if (*end == 'K' || *end == 'k')
        n <<= 10, end++;
    else if (*end == 'M' || *end == 'm')
        n <<= 20, end++;
    else if (*end == 'G' || *end == 'g')
        n <<= 30, end++;
    return *end == '\0' ? (uint64_t)n : 0;
}

/* A whole number from 'lo' to 'hi'; 0 when not one. */
static unsigned parse_count(const char *text, unsigned lo, unsigned hi)
{
    char *end;
    unsigned long n;

    if (text[0] < '0' || text[0] > '9')
        return 0;
    n = strtoul(text, &end, 10);
    return *end == '\0' && n >= lo && n <= hi ? (unsigned)n : 0;
}

/* Parse the command line into 'a'; returns -1 to go on, else an exit status (message
** printed). */
static int parse_args(int argc, char **argv, serve_args *a)
{
    enum { OPT_RULES = 256, OPT_LISTEN, OPT_TOKEN, OPT_MAX_BODY, OPT_WORKERS, OPT_TIMEOUT, OPT_LANG, OPT_HELP };
    static const struct option longopts[] = {
        {"rules", required_argument, NULL, OPT_RULES},
        {"listen", required_argument, NULL, OPT_LISTEN},
        {"token", required_argument, NULL, OPT_TOKEN},
        {"max-body", required_argument, NULL, OPT_MAX_BODY},
        {"workers", required_argument, NULL, OPT_WORKERS},
        {"timeout", required_argument, NULL, OPT_TIMEOUT},
        {"lang", required_argument, NULL, OPT_LANG},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0}
    };
    int c;

    a->rules_dir = cli_default_rules();
    a->listen = "127.0.0.1:8080";
    a->max_body = (uint64_t)1 << 30;
    a->workers = 8;
    a->timeout = 60;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_RULES: a->rules_dir = optarg; break;
        case OPT_LISTEN: a->listen = optarg; break;
        case OPT_TOKEN: a->token = optarg; break;
        case OPT_MAX_BODY:
            if ((a->max_body = parse_size(optarg)) == 0)
                return cli_bad_value("rasoat serve", "max-body", optarg, "số byte từ 1, có thể kèm K, M, G",
                                     "bytes from 1, K, M or G allowed", a->lang);
            break;
        case OPT_WORKERS:
            if ((a->workers = parse_count(optarg, 1, 1024)) == 0)
                return cli_bad_value("rasoat serve", "workers", optarg, "số từ 1 đến 1024", "a number from 1 to 1024", a->lang);
            break;
        case OPT_TIMEOUT:
            if ((a->timeout = parse_count(optarg, 1, 86400)) == 0)
                return cli_bad_value("rasoat serve", "timeout", optarg, "số giây từ 1 đến 86400",
                                     "seconds from 1 to 86400", a->lang);
            break;
        case OPT_LANG:
            if (!cli_parse_lang(optarg, &a->lang))
                return cli_bad_value("rasoat serve", "lang", optarg, "vi hoặc en", "vi or en", a->lang);
            break;
        case OPT_HELP:
            printf(CLI_TEXT(a->lang, help_vi, help_en), cli_default_rules());
            return EXIT_ALL_CLASSIFIED;
        default:
            return cli_bad_option("rasoat serve", argv, optind, a->lang);
        }
    }
    if (optind < argc) {
        fprintf(stderr, CLI_TEXT(a->lang, "rasoat serve: không nhận tệp ('%s'); xem rasoat serve --help\n",
                                 "rasoat serve: takes no file ('%s'); see rasoat serve --help\n"), argv[optind]);
        return EXIT_USAGE;
    }
    return -1;
}

/*
** Read "A.B.C.D:PORT" or "[V6]:PORT" into 'ss'; stores whether it is a loopback address in
** '*loopback'. Returns 0 when it is neither.
*/
static int parse_listen(const char *text, struct sockaddr_storage *ss, int *loopback)
{
    const char *colon = strrchr(text, ':');
    char host[128];
    unsigned port;
    size_t n;

    memset(ss, 0, sizeof *ss);
    if (colon == NULL || (n = (size_t)(colon - text)) == 0 || n >= sizeof host)
        return 0;
    if (colon[1] == '0' && colon[2] == '\0')
        port = 0;
    else if ((port = parse_count(colon + 1, 1, 65535)) == 0)
        return 0;
    memcpy(host, text, n);
    host[n] = '\0';
    if (host[0] == '[' && host[n - 1] == ']') {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

        host[n - 1] = '\0';
        if (inet_pton(AF_INET6, host + 1, &s6->sin6_addr) != 1)
            return 0;
        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons((uint16_t)port);
        *loopback = IN6_IS_ADDR_LOOPBACK(&s6->sin6_addr);
        return 1;
    } else {
        struct sockaddr_in *s4 = (struct sockaddr_in *)ss;

        if (inet_pton(AF_INET, host, &s4->sin_addr) != 1)
            return 0;
        s4->sin_family = AF_INET;
        s4->sin_port = htons((uint16_t)port);
        *loopback = (ntohl(s4->sin_addr.s_addr) >> 24) == 127;
        return 1;
    }
}

int cmd_serve(int argc, char **argv, rasoat_lang lang)
{
    serve_args a;
    serve_server srv;
    struct sockaddr_storage ss;
    struct MHD_Daemon *d;
    const union MHD_DaemonInfo *info;
    sigset_t sigs;
    char why[1300], host[64];
    int status, loopback = 0, sig, running = 1;
    unsigned port;

    memset(&a, 0, sizeof a);
    a.lang = lang;
    if ((status = parse_args(argc, argv, &a)) >= 0)
        return status;
    lang = a.lang;
    if (!parse_listen(a.listen, &ss, &loopback))
        return cli_bad_value("rasoat serve", "listen", a.listen, "ĐỊA_CHỈ:CỔNG, ví dụ 127.0.0.1:8080 hoặc [::1]:8080",
                             "ADDR:PORT, e.g. 127.0.0.1:8080 or [::1]:8080", lang);
    memset(&srv, 0, sizeof srv);
    if (a.token != NULL && !serve_token_read(&srv.token, a.token, lang))
        return EXIT_USAGE;
    if (!loopback && a.token == NULL) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat serve: địa chỉ %s không chỉ trong máy này: cần --token TỆP\n",
                                 "rasoat serve: address %s is reachable from other machines: --token FILE is required\n"),
                a.listen);
        return EXIT_USAGE;
    }
    srv.max_body = a.max_body;
    srv.workers = (int)a.workers;
    srv.lang = lang;
    pthread_mutex_init(&srv.lock, NULL);
    pthread_mutex_init(&srv.one_at_a_time, NULL);
    if ((srv.rules = serve_rules_new(a.rules_dir, (size_t)a.workers * 2)) == NULL)
        return EXIT_IO;
    if (!serve_rules_load(srv.rules, why, sizeof why))
        fprintf(stderr, CLI_TEXT(lang, "rasoat serve: bộ quy tắc chưa nạp được, API trả 503 cho đến khi nạp lại được: %s\n",
                                 "rasoat serve: the rules do not load; the API answers 503 until a reload succeeds: %s\n"),
                why);

    /* Signals go to this thread only (sigwait below): block them before any thread starts. */
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGHUP);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL
                         | (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
                         0, NULL, NULL, serve_route, &srv,
                         MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
                         MHD_OPTION_CONNECTION_TIMEOUT, a.timeout,
                         MHD_OPTION_CONNECTION_LIMIT, a.workers + 16u,
                         MHD_OPTION_NOTIFY_COMPLETED, serve_completed, &srv,
                         MHD_OPTION_END);
    if (d == NULL) {
        fprintf(stderr, CLI_TEXT(lang, "rasoat serve: không mở được %s (cổng đang dùng, hoặc không được phép)\n",
                                 "rasoat serve: cannot listen on %s (port in use, or not allowed)\n"), a.listen);
        serve_rules_free(srv.rules);
        return EXIT_IO;
    }
    info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    port = info != NULL ? info->port : 0;
    if (ss.ss_family == AF_INET6) {
        host[0] = '[';
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, host + 1, sizeof host - 2);
        strcat(host, "]");
    } else {
        inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host, sizeof host);
    }
    fprintf(stderr, CLI_TEXT(lang, "rasoat serve: đang phục vụ tại http://%s:%u/ (dừng: Ctrl+C; nạp lại quy tắc: SIGHUP)\n",
                             "rasoat serve: serving at http://%s:%u/ (stop: Ctrl+C; reload the rules: SIGHUP)\n"),
            host, port);
    while (running) {
        if (sigwait(&sigs, &sig) != 0)
            continue;
        if (sig == SIGHUP) {
            if (serve_rules_load(srv.rules, why, sizeof why))
                fprintf(stderr, CLI_TEXT(lang, "rasoat serve: đã nạp lại bộ quy tắc\n", "rasoat serve: rules reloaded\n"));
            else
                fprintf(stderr, CLI_TEXT(lang, "rasoat serve: nạp lại thất bại, vẫn dùng bộ quy tắc cũ: %s\n",
                                         "rasoat serve: reload failed, the last good rules stay in use: %s\n"), why);
        } else {
            running = 0;
        }
    }
    MHD_stop_daemon(d);
    serve_rules_free(srv.rules);
    pthread_mutex_destroy(&srv.lock);
    pthread_mutex_destroy(&srv.one_at_a_time);
    fprintf(stderr, CLI_TEXT(lang, "rasoat serve: đã dừng\n", "rasoat serve: stopped\n"));
    return EXIT_ALL_CLASSIFIED;
}
