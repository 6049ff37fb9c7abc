/*
 * cli.h - the command line's commands and shared helpers.
 *
 * Each command is `int cmd_NAME(int argc, char **argv)` and returns the
 * process exit status: 0 success, 1 API or business error (or a signature
 * mismatch for sign), 2 invalid input, 3 transport / HTTP / unparseable.
 * Only this front end prints; the core reports through struct topc_error.
 */
#ifndef TOPC_CLI_H
#define TOPC_CLI_H

#include <stdbool.h>

#include "base/error.h"
#include "base/params.h"

#define CLI_EXIT_USAGE 2

/* X(id, name, summary, usage) */
#define CLI_COMMAND_TABLE(X)                                                                       \
	X(console, "console", "open the console (what topc alone does in a terminal)",             \
	  "topc console [-p PROFILE]\n"                                                            \
	  "\n"                                                                                     \
	  "The console: APIs, the form of the chosen one, the response and the history.\n"         \
	  "It opens with the profile used last (local, the built-in gateway, at first).\n"         \
	  "F1 inside lists the keys.\n")                                                           \
	X(send, "send", "build, sign and send one request, and print the outcome",                 \
	  "topc send METHOD [-p PROFILE] [-t TEMPLATE] [-s|-S NAME=VALUE]... [--dry-run]\n"        \
	  "          [--json] [--reveal] [--strict]\n"                                             \
	  "\n"                                                                                     \
	  "  -p, --profile NAME   profile to use (default: local, the built-in gateway)\n"         \
	  "  -t, --template NAME  start from a saved template (its generators computed\n"          \
	  "                       now); -s values go on top.  METHOD may be left out\n"            \
	  "  -s, --set NAME=VALUE business parameter; repeat for more.  When METHOD has\n"         \
	  "                       a form (topc forms list), NAME is a field path such as\n"        \
	  "                       push_content_dto.title, values are checked against the\n"        \
	  "                       field's type and rules, objects become JSON, and nothing\n"      \
	  "                       is sent while a formal rule is broken (required, type,\n"        \
	  "                       the page's 更多限制); what only the page's prose asks\n"     \
	  "                       for is a warning on stderr.  An object may be given\n"           \
	  "                       whole as JSON.  Without a form, a value starting with {\n"       \
	  "                       or [ must be valid JSON.  A system parameter name\n"             \
	  "                       (timestamp, v, format, sign_method...) overrides the\n"          \
	  "                       profile's value; an empty value drops it\n"                      \
	  "  -S, --set-raw NAME=VALUE  a parameter sent exactly as given, unchecked\n"             \
	  "      --dry-run        print the exact HTTP request and send nothing\n"                 \
	  "      --json           print one JSON object describing the outcome\n"                  \
	  "      --reveal         show the session key instead of <session>\n"                     \
	  "      --strict         refuse what breaks the page's prose too\n"                       \
	  "\n"                                                                                     \
	  "exit status: 0 success, 1 API or business error, 2 invalid input,\n"                    \
	  "3 transport, HTTP or unparseable answer\n")                                             \
	X(sign, "sign", "show the canonical string and signature of a set of parameters",          \
	  "topc sign [-p PROFILE | --secret-env VAR] [--sign-method M] [--reveal]\n"               \
	  "          [--now] [--session] [--emit-body] [NAME=VALUE ... | --body "                  \
	  "FORM-URLENCODED]\n"                                                                     \
	  "\n"                                                                                     \
	  "Signs exactly the parameters given.  A sign_method among them is used as\n"             \
	  "given; otherwise --sign-method, else the profile's.  When a sign parameter is\n"        \
	  "given too, says whether it matches: exit 0 on match, 1 on mismatch.\n"                  \
	  "The secret comes from the profile (default local) or from the environment\n"            \
	  "variable --secret-env names; it is never printed.\n"                                    \
	  "\n"                                                                                     \
	  "  --now        set timestamp to the current time (GMT+8)\n"                             \
	  "  --session    add the profile's session key\n"                                         \
	  "  --emit-body  print only the signed form body, for curl --data-binary\n")              \
	X(history, "history", "list, show, export and compare what was sent",                      \
	  "topc history list [FILTERS] [--limit N] [--json]\n"                                     \
	  "topc history show ID [--json]\n"                                                        \
	  "topc history export [FILTERS] [--format jsonl|curl]\n"                                  \
	  "topc history diff ID1 ID2\n"                                                            \
	  "\n"                                                                                     \
	  "FILTERS: --method M  --profile P  --outcome CLASS  --since TIME  --grep TEXT\n"         \
	  "  CLASS: success, api_error, business_failure, http_error, transport_error,\n"          \
	  "         unparseable, invalid_input\n"                                                  \
	  "  TIME:  2026-11-23, \"2026-11-23 10:00\" (GMT+8), or 90m, 36h, 7d ago\n"               \
	  "  TEXT:  found in the response body, the parameters, msg, sub_code or sub_msg\n"        \
	  "list shows the newest first (50 unless --limit).  export --format curl writes\n"        \
	  "curl commands whose signature topc sign computes when they run: no secret\n"            \
	  "in the text; set TOPC_URL to send them elsewhere.  diff prints a unified diff\n"        \
	  "of two entries.  The history is $XDG_STATE_HOME/topc/history.db.\n")                    \
	X(replay, "replay", "send history entries again",                                          \
	  "topc replay ID... [--fresh | --exact] [-p PROFILE] [--concurrency N] [--rate R]\n"      \
	  "topc replay --from-history [FILTERS] [--limit N] [...]\n"                               \
	  "\n"                                                                                     \
	  "--fresh (the default) signs anew and gives the fields the form marks unique\n"          \
	  "and the fields the template generated new values; --exact keeps every\n"                \
	  "business value.  -p sends to another profile.  --concurrency N (default 8)\n"           \
	  "requests at once on one connection pool; --rate R per second at most.  Each\n"          \
	  "replay is a new history entry pointing to its origin.  Prints a summary:\n"             \
	  "counts per outcome and latency p50, p95, max; exit 0 when all succeeded.\n")            \
	X(gateway, "gateway", "run the local TOP gateway on loopback",                             \
	  "topc gateway [--listen 127.0.0.1:PORT] [--fault MODE[:ARG]] [--inbox FILE]\n"           \
	  "             [--strict]\n"                                                              \
	  "\n"                                                                                     \
	  "Listens on 127.0.0.1:8080 unless --listen says otherwise.\n"                            \
	  "\n"                                                                                     \
	  "Serves /router/rest like TOP: checks method, format, app key, timestamp,\n"             \
	  "version and signature, and answers with TOP's envelopes.  It knows the app\n"           \
	  "keys and secrets of every profile whose gateway is builtin or on loopback.\n"           \
	  "PORT 0 picks a free port; the first line printed is the URL.\n"                         \
	  "--inbox appends each accepted request to FILE as a JSON line.\n"                        \
	  "For a method with a form it answers 40/41 for a broken formal rule (required,\n"        \
	  "type, the page's 更多限制 column) and accepts what only the page's prose asks\n"    \
	  "for, as TOP does; --strict refuses those too.\n"                                        \
	  "Fault modes (for testing clients):\n")                                                  \
	X(forms, "forms", "list, show and check form definitions",                                 \
	  "topc forms list\n"                                                                      \
	  "topc forms show METHOD\n"                                                               \
	  "topc forms check [FILE...]\n"                                                           \
	  "\n"                                                                                     \
	  "list   every form: method, field count, title, and where it comes from\n"               \
	  "show   a form's field tree: types, required marks (*), defaults, choices,\n"            \
	  "       ranges, formats, unique fields, descriptions, and its rules\n"                   \
	  "check  load and check form files (all forms when none are named);\n"                    \
	  "       exit 0 when all are sound, 1 when any is not\n"                                  \
	  "\n"                                                                                     \
	  "Forms live in the shipped forms/ directory and in $XDG_CONFIG_HOME/topc/forms/;\n"      \
	  "a user form for a method replaces the shipped one.\n")                                  \
	X(profiles, "profiles", "list, show and check profiles",                                   \
	  "topc profiles list\n"                                                                   \
	  "topc profiles show NAME [--reveal]\n"                                                   \
	  "topc profiles check [FILE...]\n"                                                        \
	  "\n"                                                                                     \
	  "list   every profile: name, where it comes from, app key, sign method, gateway\n"       \
	  "show   one profile's settings; the secret and session key show as where they\n"         \
	  "       come from, never as values, unless --reveal is given\n"                          \
	  "check  load and check profile files (all profiles when none are named);\n"              \
	  "       exit 0 when all are sound, 1 when any is not\n"                                  \
	  "\n"                                                                                     \
	  "Shipped profiles are in profiles/; yours in $XDG_CONFIG_HOME/topc/profiles/\n"          \
	  "win over a shipped one of the same name.\n")                                            \
	X(templates, "templates", "list, show, save and delete saved requests",                    \
	  "topc templates list [METHOD]\n"                                                         \
	  "topc templates show NAME\n"                                                             \
	  "topc templates save NAME [METHOD] [-t FROM] [-s PATH=VALUE]... [-d TEXT] [--force]\n"   \
	  "topc templates delete NAME\n"                                                           \
	  "\n"                                                                                     \
	  "A template is a filled form saved under a name, used with topc send -t NAME.\n"         \
	  "save takes the values from -s (field paths, as for send) on top of template\n"          \
	  "FROM's; an existing template is replaced only with --force.  Values may hold\n"         \
	  "generators, computed afresh at every send:\n"                                           \
	  "  ${uuid} ${now} ${now_ms} ${today} ${seq} ${env:NAME} ${profile:KEY}\n"                \
	  "($$ is a literal $).  Quote them from the shell: -s 'msg_key=${uuid}'.\n"               \
	  "Templates live in $XDG_CONFIG_HOME/topc/templates/.\n")                                 \
	X(import_doc, "import-doc", "make a form definition from a TOP API doc page",              \
	  "topc import-doc FILE [-o OUT] [--force]\n"                                              \
	  "\n"                                                                                     \
	  "Reads the text of a TOP API doc page (select all in the browser, copy, save)\n"         \
	  "and writes its form definition to stdout, or to OUT.  When OUT is a\n"                  \
	  "directory the file is OUT/METHOD.conf; to use the form, write it into\n"                \
	  "~/.config/topc/forms/.  An existing file is replaced only with --force.\n"              \
	  "A page that cannot be read is reported with its line; nothing is written.\n")           \
	X(help, "help", "show help for a command", "topc help [COMMAND]\n")                        \
	X(version, "version", "print the version", "topc --version\n")

#define CLI_X(id, name, summary, usage) int cmd_##id(int argc, char **argv);
CLI_COMMAND_TABLE(CLI_X)
#undef CLI_X

/* Prints "topc: MESSAGE" on stderr and returns status. */
int cli_fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints the core error and returns its exit status. */
int cli_fail_error(const struct topc_error *err);

/* Adds "NAME=VALUE" to params; false (with a message printed) when malformed. */
bool cli_add_assignment(struct topc_params *params, const char *arg, const char *what);

/* Prints the usage text of a command (to stdout when ok, else stderr). */
int cli_usage(const char *command, bool ok);

/* Shows control characters as \xNN so a hostile text cannot drive the
 * terminal; len (size_t)-1 means up to the NUL. */
void cli_print_inert(const char *s, size_t len);

/* History helpers shared by history and replay. */
struct topc_history;
struct topc_history_filter;
struct topc_history_entry;
/* Applies a filter option (getopt code M P o S g l) to f; false with a
 * message when its argument is bad. */
bool cli_history_option(int c, const char *arg, struct topc_history_filter *f);
/* Opens the default history; prints a notice (a damaged file moved aside). */
int cli_history_open(struct topc_history **h);

#endif
