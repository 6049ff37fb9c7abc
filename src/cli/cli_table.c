/*
 * cli_table.c - the command line described once: commands, their options,
 * exit statuses, files, environment and examples.  --help, the man page and
 * the shell completions are printed from these tables (cmd_help.c), and
 * cli_getopt parses each command's options from them.
 */
#include "cli_table.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"

/* The name of each option, from CLI_OPTION_TABLE: an entry names its
 * option once (OPT(DRY_RUN, ...)) and gets its code and its long name from
 * there, so no two options can share a code, and a code cannot stand for
 * another option's name. */
#define CLI_X(id, name) static const char cli_option_name_##id[] = name;
CLI_OPTION_TABLE(CLI_X)
#undef CLI_X

#define OPT(id, letter, arg, kind, choices, help)                                                  \
	{                                                                                          \
		CLI_OPT_##id, letter, cli_option_name_##id, arg, kind, choices, help               \
	}
#define END                                                                                        \
	{                                                                                          \
		CLI_OPT_NONE, 0, NULL, NULL, CLI_VALUE_NONE, NULL, NULL                            \
	}
#define PROFILE_OPTION(help) OPT(PROFILE, 'p', "NAME", CLI_VALUE_PROFILE, NULL, help)

static const struct cli_option console_options[] = {
    PROFILE_OPTION(N_("profile to open with (default: the one used last, local at first)")), END};

static const struct cli_option send_options[] = {
    PROFILE_OPTION(N_("profile to use (default: local, the built-in gateway)")),
    OPT(TEMPLATE, 't', "NAME", CLI_VALUE_TEMPLATE, NULL,
	N_("start from a saved template (its generators computed now); -s values go on top.  "
	   "METHOD may be left out")),
    OPT(SET, 's', "NAME=VALUE", CLI_VALUE_FIELD, NULL,
	N_("business parameter; repeat for more.  When METHOD has a form (topc forms list), NAME "
	   "is a field path such as push_content_dto.title, values are checked against the "
	   "field's type and rules, objects become JSON, and nothing is sent while a formal rule "
	   "is broken (required, type, the page's 更多限制); what only the page's prose asks for "
	   "is a warning.  An object may be given whole as JSON.  Without a form, a value starting "
	   "with "
	   "{ or [ must be valid JSON.  A system parameter name (timestamp, v, format, "
	   "sign_method...) overrides the profile's value; an empty value drops it; method= "
	   "naming another API than METHOD only with --any-method.  NAME=@FILE reads the value "
	   "from FILE, NAME=@- from standard input, without one final line end (\\n or "
	   "\\r\\n) (@@ starts a value with @).  Generators (${uuid}, ${now_ms}...: topc help "
	   "templates) are computed as in a template; $$ is a literal $")),
    OPT(SET_RAW, 'S', "NAME=VALUE", CLI_VALUE_FIELD, NULL,
	N_("a parameter sent exactly as given, unchecked (@FILE and @- as for -s, but their "
	   "bytes as they are, a final newline too)")),
    OPT(DRY_RUN, 0, NULL, CLI_VALUE_NONE, NULL,
	N_("print the exact HTTP request and send nothing (with --json: one object with the "
	   "parameters, headers and body, the session key masked)")),
    OPT(JSON, 0, NULL, CLI_VALUE_NONE, NULL, N_("print one JSON object describing the outcome")),
    OPT(PRINT, 0, "WHAT", CLI_VALUE_TEXT, NULL,
	N_("what to print, any of: s the summary line (outcome, HTTP status, time, request_id, "
	   "code), H the request's headers, B the request's body, h the answer's headers, b the "
	   "answer's body.  Default: sb on a terminal; b when standard output is a pipe or a "
	   "file, the summary then going to standard error")),
    OPT(VERBOSE, 'v', NULL, CLI_VALUE_NONE, NULL,
	N_("print the request and the answer's headers too (--print sHBhb)")),
    OPT(REVEAL, 0, NULL, CLI_VALUE_NONE, NULL, N_("show the session key instead of <session>")),
    OPT(QUERY, 0, "EXPR", CLI_VALUE_TEXT, NULL,
	N_("print only what EXPR selects in the answer, one value a line (strings as text): a jq "
	   "program for a JSON answer (.jym_message_apppush_send_response.request_id), an XPath "
	   "expression for an XML one (//request_id); exit 1 when it selects nothing.  With "
	   "--json: the outcome's object, what it selects in query.output")),
    OPT(EXPECT, 0, "EXPR", CLI_VALUE_TEXT, NULL,
	N_("exit 1 unless the answer matches EXPR (jq: a result that is not false or null, such "
	   "as '.. | .success? | select(. != null) == true'; XPath: boolean())")),
    OPT(EXPORT, 0, "LANG", CLI_VALUE_CHOICE, "java csharp php python node c curl",
	N_("write the request as code for the language's TOP SDK (or a curl script) and send "
	   "nothing; the secret and session key are read from TOP_APP_SECRET and TOP_SESSION_KEY "
	   "when the code runs")),
    OPT(STRICT, 0, NULL, CLI_VALUE_NONE, NULL,
	N_("refuse what breaks a rule read from the page's prose too (a range in a description, "
	   "a cross-field rule, a UUID, a time window), which otherwise is a warning on standard "
	   "error and the request goes out, as TOP accepts it")),
    OPT(ANY_METHOD, 0, NULL, CLI_VALUE_NONE, NULL,
	N_("send a METHOD that is no TOP API name (empty, upper case, spaces, a path...), signed "
	   "as any other, to see how a gateway answers it; without it such a METHOD is refused "
	   "and nothing is sent")),
    END};

static const struct cli_option sign_options[] = {
    PROFILE_OPTION(N_("profile whose secret signs (default: local)")),
    OPT(SECRET_ENV, 0, "VAR", CLI_VALUE_TEXT, NULL,
	N_("take the secret from environment variable VAR instead of a profile")),
    OPT(SIGN_METHOD, 0, "METHOD", CLI_VALUE_CHOICE, "md5 hmac hmac-sha256",
	N_("md5, hmac or hmac-sha256, when no sign_method parameter is given")),
    OPT(BODY, 0, "FORM-URLENCODED", CLI_VALUE_TEXT, NULL,
	N_("the parameters as a captured request body; @FILE reads it from FILE, - or @- from "
	   "standard input (a session key in it stays out of ps)")),
    OPT(REVEAL, 0, NULL, CLI_VALUE_NONE, NULL, N_("show the secret in the canonical string")),
    OPT(NOW, 0, NULL, CLI_VALUE_NONE, NULL, N_("set timestamp to the current time (GMT+8)")),
    OPT(SESSION, 0, NULL, CLI_VALUE_NONE, NULL, N_("add the profile's session key")),
    OPT(EMIT_BODY, 0, NULL, CLI_VALUE_NONE, NULL,
	N_("print only the signed form body, for curl --data-binary")),
    END};

#define FILTER_OPTIONS                                                                             \
	OPT(METHOD, 0, "METHOD", CLI_VALUE_METHOD, NULL, N_("entries of this API method")),        \
	    OPT(OUTCOME, 0, "CLASS", CLI_VALUE_OUTCOME, NULL,                                      \
		N_("entries of this outcome:")), /* the classes: cli_outcome_names */              \
	    OPT(SINCE, 0, "TIME", CLI_VALUE_TEXT, NULL,                                            \
		N_("entries since 2026-11-23, \"2026-11-23 10:00\" (GMT+8), or 90m, 36h, 7d "      \
		   "ago")),                                                                        \
	    OPT(GREP, 0, "TEXT", CLI_VALUE_TEXT, NULL,                                             \
		N_("entries with TEXT in the response body, the values, the parameters, msg, "     \
		   "sub_code, sub_msg or the profile's name, or whose outcome starts with TEXT "   \
		   "(ok: a success)")),                                                            \
	    OPT(LIMIT, 0, "N", CLI_VALUE_TEXT, NULL, N_("at most N entries (list: 50)"))

static const struct cli_option history_options[] = {
    OPT(PROFILE, 0, "NAME", CLI_VALUE_PROFILE, NULL, N_("entries sent with this profile")),
    FILTER_OPTIONS,
    OPT(JSON, 0, NULL, CLI_VALUE_NONE, NULL, N_("list and show: print JSON")),
    OPT(VERBOSE, 'v', NULL, CLI_VALUE_NONE, NULL,
	N_("show: the answer's headers too, as received (the session key and secret masked as "
	   "stored); the request's are not kept (the sent parameters are)")),
    OPT(QUERY, 0, "EXPR", CLI_VALUE_TEXT, NULL,
	N_("show: print only what EXPR (jq for a JSON answer, XPath for XML) selects in the "
	   "entry's answer; exit 1 when it selects nothing")),
    OPT(FORMAT, 0, "FORMAT", CLI_VALUE_CHOICE, "jsonl curl java csharp php python node c",
	N_("export as jsonl (one entry per line), a curl script, or one entry (export ID) as "
	   "code for the language's TOP SDK")),
    END};

static const struct cli_option replay_options[] = {
    OPT(FRESH, 0, NULL, CLI_VALUE_NONE, NULL,
	N_("sign anew and give unique and generated fields new values (the default)")),
    OPT(EXACT, 0, NULL, CLI_VALUE_NONE, NULL, N_("keep every business value")),
    PROFILE_OPTION(N_("send to this profile instead of each entry's own")),
    OPT(CONCURRENCY, 0, "N", CLI_VALUE_TEXT, NULL, N_("requests at once (default 8, 1 to 1024)")),
    OPT(RATE, 0, "R", CLI_VALUE_TEXT, NULL, N_("at most R requests per second")),
    OPT(REPEAT, 0, "N", CLI_VALUE_TEXT, NULL,
	N_("send the entries N times over, in their order, each kept as its own entry (1 to "
	   "100000); an ID given twice is refused, so no typo sends an entry twice")),
    OPT(FROM_HISTORY, 0, NULL, CLI_VALUE_NONE, NULL,
	N_("replay the entries the filters select instead of IDs; at least one filter (or "
	   "--all) is needed, so a bare --from-history never resends the whole history")),
    OPT(ALL, 0, NULL, CLI_VALUE_NONE, NULL,
	N_("with --from-history: every entry, no filter needed")),
    OPT(JSON, 0, NULL, CLI_VALUE_NONE, NULL, N_("print the summary as JSON")),
    OPT(HISTORY_PROFILE, 0, "NAME", CLI_VALUE_PROFILE, NULL,
	N_("with --from-history: entries sent with this profile")),
    OPT(COMPARE, 0, NULL, CLI_VALUE_NONE, NULL,
	N_("compare each answer with the one recorded before, field by field, and print same, "
	   "changed (the fields, old -> new), newly failing or newly passing; request_id, "
	   "timestamp, time, *_time and *_timestamp are skipped, and the form's compare_ignore; "
	   "exit 1 when anything changed")),
    OPT(IGNORE, 0, "PATTERN", CLI_VALUE_TEXT, NULL,
	N_("with --compare: skip answer fields whose name matches PATTERN too (fnmatch; repeat "
	   "for more)")),
    OPT(EXPECT, 0, "EXPR", CLI_VALUE_TEXT, NULL,
	N_("exit 1 when an answer does not match EXPR (jq for JSON, XPath for XML), as for send")),
    FILTER_OPTIONS,
    OPT(ANY_METHOD, 0, NULL, CLI_VALUE_NONE, NULL,
	N_("replay entries whose method is no TOP API name (sent with send --any-method); "
	   "without it they are refused and nothing is sent")),
    END};

static const struct cli_option gateway_options[] = {
    OPT(LISTEN, 0, "127.0.0.1:PORT", CLI_VALUE_TEXT, NULL,
	N_("where to listen (default 127.0.0.1:8080; PORT 0 picks a free one)")),
    OPT(FAULT, 0, "MODE[:ARG]", CLI_VALUE_FAULT, NULL,
	N_("misbehave in this way, for testing clients (modes below)")),
    OPT(INBOX, 0, "FILE", CLI_VALUE_FILE, NULL,
	N_("append each accepted request to FILE as a JSON line")),
    OPT(DEADLINE, 0, "SECONDS", CLI_VALUE_TEXT, NULL,
	N_("a request must arrive whole within this (default 15), and its answer be read "
	   "within as long again (plus what a delay or drip fault takes)")),
    OPT(STRICT, 0, NULL, CLI_VALUE_NONE, NULL,
	N_("refuse (41) what only the pages' prose asks for, too; by default those pass, as at "
	   "TOP, which checks the formal rules only (required, type, 更多限制)")),
    END};

static const struct cli_option json_option[] = {
    OPT(JSON, 0, NULL, CLI_VALUE_NONE, NULL, N_("list: print a JSON array")), END};

static const struct cli_option profiles_options[] = {
    OPT(JSON, 0, NULL, CLI_VALUE_NONE, NULL, N_("list: print a JSON array")),
    OPT(REVEAL, 0, NULL, CLI_VALUE_NONE, NULL,
	N_("show: print the secret and session key themselves")),
    END};

static const struct cli_option templates_options[] = {
    OPT(SET, 's', "PATH=VALUE", CLI_VALUE_FIELD, NULL,
	N_("save: a value, as for topc send -s (@FILE and @- too)")),
    OPT(TEMPLATE, 't', "FROM", CLI_VALUE_TEMPLATE, NULL,
	N_("save: start from template FROM's values")),
    OPT(DESCRIPTION, 'd', "TEXT", CLI_VALUE_TEXT, NULL, N_("save: a description")),
    OPT(FORCE, 'f', NULL, CLI_VALUE_NONE, NULL, N_("save: replace an existing template")),
    OPT(JSON, 0, NULL, CLI_VALUE_NONE, NULL, N_("list: print a JSON array")),
    END};

static const struct cli_option import_options[] = {
    OPT(OUTPUT, 'o', "OUT", CLI_VALUE_FILE, NULL,
	N_("write the form to OUT (a file, or a folder for OUT/METHOD.conf)")),
    OPT(FORCE, 'f', NULL, CLI_VALUE_NONE, NULL, N_("replace an existing file")), END};

static const struct cli_option help_options[] = {
    OPT(MAN, 0, NULL, CLI_VALUE_NONE, NULL, N_("print the manual page (roff), for man -l -")), END};

static const struct cli_option version_options[] = {
    OPT(VERBOSE, 'v', NULL, CLI_VALUE_NONE, NULL,
	N_("also say where topc looks for its data and its configuration")),
    END};

const struct cli_command cli_commands[] = {
    {"console", cmd_console, N_("open the console (what topc alone does in a terminal)"),
     "console [-p PROFILE]",
     N_("The console: APIs, the form of the chosen one, the response and the history.\n"
	"It opens with the profile used last (local, the built-in gateway, at first).\n"
	"F1 inside lists the keys."),
     console_options, NULL, CLI_VALUE_NONE, true, false},
    {"send", cmd_send, N_("build, sign and send one request, and print the outcome"),
     "send METHOD [-p PROFILE] [-t TEMPLATE] [-s|-S NAME=VALUE]... [--dry-run]\n"
     "          [--json] [--print WHAT] [-v] [--reveal]",
     N_("Builds the request from METHOD's form (or raw parameters), signs it with the\n"
	"profile's secret and sends it.  When standard output is not a terminal the\n"
	"answer's body is printed whole and alone, so it pipes into jq or\n"
	"python3 -m json.tool; the summary line goes to standard error.\n"
	"\n"
	"exit status: 0 success, 1 API or business error, 2 invalid input (nothing\n"
	"was sent), 3 transport, HTTP or unparseable answer."),
     send_options, NULL, CLI_VALUE_METHOD, true, false},
    {"sign", cmd_sign, N_("show the canonical string and signature of a set of parameters"),
     "sign [-p PROFILE | --secret-env VAR] [--sign-method M] [--reveal]\n"
     "          [--now] [--session] [--emit-body] [NAME=VALUE ... | --body FORM-URLENCODED]",
     N_("Signs exactly the parameters given.  A sign_method among them is used as\n"
	"given; otherwise --sign-method, else the profile's.  When a sign parameter is\n"
	"given too, says whether it matches: exit 0 on match, 1 on mismatch.\n"
	"The secret comes from the profile (default local) or from the environment\n"
	"variable --secret-env names; it is never printed."),
     sign_options, NULL, CLI_VALUE_TEXT, false, false},
    {"history", cmd_history, N_("list, show, export and compare what was sent"),
     "history list [FILTERS] [--limit N] [--json]\n"
     "history show ID [--json | --query EXPR]\n"
     "history export [ID...] [FILTERS] [--format jsonl|curl]\n"
     "history export ID --format java|csharp|php|python|node|c\n"
     "history diff ID1 ID2",
     N_("list shows the newest first (50 unless --limit).  export --format curl writes\n"
	"curl commands whose signature topc sign computes when they run: no secret\n"
	"in the text; set TOPC_URL to send them elsewhere.  diff prints a unified diff\n"
	"of two entries.  The history is $XDG_STATE_HOME/topc/history.db."),
     history_options, "list show export diff", CLI_VALUE_HISTORY, false, false},
    {"replay", cmd_replay, N_("send history entries again"),
     "replay ID... [--fresh | --exact] [-p PROFILE] [--concurrency N] [--rate R]\n"
     "          [--compare [--ignore PATTERN]...] [--expect EXPR]\n"
     "replay --from-history [FILTERS] [--limit N] [...]",
     N_("Each replay is a new history entry pointing to its origin.  --concurrency\n"
	"requests go at once on one connection pool.  Prints a summary: counts per\n"
	"outcome and latency p50, p95, max; exit 0 when all succeeded."),
     replay_options, NULL, CLI_VALUE_HISTORY, true, false},
    {"gateway", cmd_gateway, N_("run the local TOP gateway on loopback"),
     "gateway [--listen 127.0.0.1:PORT] [--fault MODE[:ARG]] [--inbox FILE]\n"
     "        [--deadline SECONDS] [--strict]",
     N_("Serves /router/rest like TOP: checks method, format, app key, timestamp,\n"
	"version and signature, and answers with TOP's envelopes.  It knows the app\n"
	"keys and secrets of every profile whose gateway is builtin or on loopback.\n"
	"The first line printed is the URL.  Hostile clients are held off: at most\n"
	"512 connections (256 per address), the oldest unfinished ones make room for\n"
	"new ones past 128, bodies are capped (8 MiB each, 32 MiB together), and\n"
	"names and values must be UTF-8 without %00 (error 47, 41)."),
     gateway_options, NULL, CLI_VALUE_NONE, true, false},
    {"forms", cmd_forms, N_("list, show and check form definitions"),
     "forms list [--json]\n"
     "forms show METHOD\n"
     "forms check [FILE...]",
     N_("list   every form: method, field count, title, and where it comes from\n"
	"show   a form's field tree: types, required marks (*), defaults, choices,\n"
	"       ranges, formats, unique fields, descriptions, and its rules\n"
	"check  load and check form files (all forms when none are named);\n"
	"       exit 0 when all are sound, 1 when any is not\n"
	"\n"
	"Forms live in the shipped forms/ folder and in $XDG_CONFIG_HOME/topc/forms/;\n"
	"a user form for a method replaces the shipped one."),
     json_option, "list show check", CLI_VALUE_METHOD, true, false},
    {"profiles", cmd_profiles, N_("list, show and check profiles"),
     "profiles list [--json]\n"
     "profiles show NAME [--reveal]\n"
     "profiles check [FILE...]",
     N_("list   every profile: name, where it comes from, app key, sign method, gateway\n"
	"show   one profile's settings; the secret and session key show as where they\n"
	"       come from, never as values, unless --reveal is given\n"
	"check  load and check profile files (all profiles when none are named), and\n"
	"       list every problem of each; exit 0 when all are sound, 1 when any is not\n"
	"\n"
	"Shipped profiles are in the shipped profiles/ folder; yours in\n"
	"$XDG_CONFIG_HOME/topc/profiles/ win over a shipped one of the same name."),
     profiles_options, "list show check", CLI_VALUE_PROFILE, true, false},
    {"templates", cmd_templates, N_("list, show, save and delete saved requests"),
     "templates list [METHOD] [--json]\n"
     "templates show NAME\n"
     "templates save NAME [METHOD] [-t FROM] [-s PATH=VALUE]... [-d TEXT] [--force]\n"
     "templates delete NAME",
     N_("A template is a filled form saved under a name, used with topc send -t NAME.\n"
	"save takes the values from -s (field paths, as for send) on top of template\n"
	"FROM's; an existing template is replaced only with --force.  Values may hold\n"
	"generators, computed afresh at every send:\n"
	"  ${uuid} ${now} ${now_ms} ${today} ${seq} ${env:NAME} ${profile:KEY}\n"
	"($$ is a literal $).  Quote them from the shell: -s 'msg_key=${uuid}'.\n"
	"Templates live in $XDG_CONFIG_HOME/topc/templates/."),
     templates_options, "list show save delete", CLI_VALUE_TEMPLATE, true, false},
    {"import-doc", cmd_import_doc, N_("make a form definition from a TOP API doc page"),
     "import-doc FILE|- [-o OUT] [--force]",
     N_("Reads the text of a TOP API doc page (select all in the browser, copy, save)\n"
	"and writes its form definition to stdout, or to OUT.  To use the form, write\n"
	"it into ~/.config/topc/forms/.  An existing file is replaced only with\n"
	"--force.  A page that cannot be read is reported with its line; nothing is\n"
	"written."),
     import_options, NULL, CLI_VALUE_FILE, false, false},
    {"completion", cmd_completion, N_("print a shell completion script"),
     "completion bash|zsh|fish",
     N_("Prints the completion script for the shell.  Packages install them; by hand:\n"
	"  topc completion bash > ~/.local/share/bash-completion/completions/topc\n"
	"  topc completion zsh > ~/.zfunc/_topc     (with fpath+=(~/.zfunc))\n"
	"  topc completion fish > ~/.config/fish/completions/topc.fish\n"
	"They complete commands, options, methods, field paths after -s, profile\n"
	"and template names and history ids."),
     NULL, "bash zsh fish", CLI_VALUE_NONE, false, false},
    {"help", cmd_help, N_("show help for a command"), "help [COMMAND]\nhelp --man",
     N_("topc COMMAND --help says the same."), help_options, NULL, CLI_VALUE_COMMAND, false, false},
    {"version", cmd_version, N_("print the version"), "version [--verbose]\n--version",
     N_("With --verbose, also where topc looked for its data (forms, profiles), which\n"
	"folder it uses, and where your configuration and history are.  Exit 2 when\n"
	"no data folder is found."),
     version_options, NULL, CLI_VALUE_NONE, false, false},
    {"__complete", cmd_complete, "what the completion scripts ask for",
     "__complete method|field METHOD [TEMPLATE]|profile|template|history|outcome|fault", "", NULL,
     NULL, CLI_VALUE_NONE, false, true},
};

const size_t cli_command_count = sizeof(cli_commands) / sizeof(cli_commands[0]);

const struct cli_note cli_exit_statuses[] = {
#define CLI_X(id, status, meaning) {#status, meaning},
    CLI_EXIT_TABLE(CLI_X)
#undef CLI_X
	{NULL, NULL}};

const struct cli_note cli_files[] = {
    {"~/.config/topc/profiles/NAME.conf",
     N_("your profiles: gateway, app key, where the secret comes from (0600 when it holds one)")},
    {"~/.config/topc/forms/METHOD.conf",
     N_("your forms; replace a shipped one of the same method")},
    {"~/.config/topc/templates/", N_("saved templates")},
    {"~/.config/topc/topc.conf", N_("the console's keys, colours and mouse")},
    {"~/.local/state/topc/history.db", N_("the history of what was sent (SQLite)")},
    {"PREFIX/share/topc/forms/, PREFIX/share/topc/profiles/",
     N_("the shipped forms and profiles (local, sandbox, production), found beside the binary "
	"(topc version --verbose says where)")},
    {NULL, NULL}};

const struct cli_note cli_environment[] = {
    {"TOPC_DATADIR", N_("a folder holding forms/ and profiles/, used instead of the shipped ones")},
    {"XDG_CONFIG_HOME", N_("where your configuration is (default ~/.config)")},
    {"XDG_STATE_HOME", N_("where the history is (default ~/.local/state)")},
    {"NO_COLOR", N_("when set, no colours")},
    {"LANGUAGE, LC_ALL, LC_MESSAGES, LANG", N_("the language of topc's messages")},
    {"TOPC_LOCALEDIR", N_("a folder of message catalogs, used instead of the installed ones")},
    {"VISUAL, EDITOR", N_("the editor the console's ^E opens")},
    {"TOPC_URL", N_("where the curl commands of history export --format curl send to")},
    {"SSL_CERT_FILE, CURL_CA_BUNDLE", N_("certificate authorities, when the profile names none")},
    {NULL, NULL}};

const struct cli_note cli_examples[] = {
    {"topc send taobao.tpn.template.message.send -s template_key=k -s template_id=101 -s "
     "user_id=1 -s biz_id=2",
     N_("send to the built-in local gateway (profile local)")},
    {"topc send taobao.jym.message.apppush.send -s user_id=1 -s message_id=m1 -s "
     "template_id=1 -s push_content_dto=@push.json | jq .",
     N_("a structure read from a file, the answer piped into jq")},
    {"topc send taobao.tbk.marketing.msg.send -s adzone_id=123 --dry-run",
     N_("the exact HTTP request, sending nothing")},
    {"topc history list --outcome api_error --since 1d", N_("what failed since yesterday")},
    {"topc replay 42 --exact -p sandbox", N_("send entry 42 again, unchanged, to the sandbox")},
    {"topc gateway --listen 127.0.0.1:8081 --fault drip:200",
     N_("a local gateway that answers slowly")},
    {NULL, NULL}};

const struct cli_command *cli_command_find(const char *name)
{
	for (size_t i = 0; i < cli_command_count; i++)
		if (strcmp(cli_commands[i].name, name) == 0)
			return &cli_commands[i];
	return NULL;
}

#define MAX_OPTIONS 32

/* The codes come from the option names (CLI_OPTION_TABLE), so two options
 * share one only when a table lists one option twice; that, or two options
 * with one letter, would make one of them act as the other. */
static const char *cli_options_clash(const struct cli_command *c)
{
	static char why[160];
	size_t n = 0;

	for (const struct cli_option *a = c->options; a && a->name; a++, n++)
		for (const struct cli_option *b = a + 1; b->name; b++)
			if (a->code == b->code || (a->letter && a->letter == b->letter)) {
				snprintf(why, sizeof(why), "--%s and --%s share a code or a letter",
					 a->name, b->name);
				return why;
			}
	if (n > MAX_OPTIONS) {
		snprintf(why, sizeof(why), "more than %d options", MAX_OPTIONS);
		return why;
	}
	return NULL;
}

const char *cli_tables_check(void)
{
	static char why[256];

	for (size_t i = 0; i < cli_command_count; i++) {
		const char *clash = cli_options_clash(&cli_commands[i]);
		if (clash) {
			snprintf(why, sizeof(why), "the option table of %s: %s",
				 cli_commands[i].name, clash);
			return why;
		}
	}
	return NULL;
}

int cli_getopt(const struct cli_command *c, int argc, char **argv)
{
	/* Built on the first call for c; getopt_long wants the same arrays on
	 * every call of one parse. */
	static const struct cli_command *built;
	static struct option longopts[MAX_OPTIONS + 1];
	static char shorts[2 * MAX_OPTIONS + 2];

	if (built != c) {
		size_t n = 0, k = 0;
		const char *clash = cli_options_clash(c);
		if (clash) {
			fprintf(stderr, "topc: internal: the option table of %s: %s\n", c->name,
				clash);
			return '?';
		}
		for (const struct cli_option *o = c->options; o && o->name; o++, n++) {
			longopts[n] = (struct option){
			    o->name, o->arg ? required_argument : no_argument, NULL, (int)o->code};
			if (o->letter) {
				shorts[k++] = o->letter;
				if (o->arg)
					shorts[k++] = ':';
			}
		}
		longopts[n] = (struct option){NULL, 0, NULL, 0};
		shorts[k] = '\0';
		built = c;
	}
	int got = getopt_long(argc, argv, shorts, longopts, NULL);
	/* a short form: getopt returns its letter; the caller wants the code */
	for (const struct cli_option *o = c->options; got > 0 && got < 256 && o && o->name; o++)
		if (o->letter == got)
			return (int)o->code;
	return got;
}
