/*
 * session.h - the console's model, without curses: the profile and its
 * client, the form being filled (a draft per API, kept across API switches
 * and restarts), the open edit, the request in flight (exactly as prepared:
 * parameters, timestamp, sign, body), the answer the response pane shows,
 * the history selection by entry id, the pending confirmation and the
 * status line.
 *
 * Every user action is one request (enum session_req) carried out by
 * session_request, which answers SESSION_DONE, SESSION_REFUSED (the reason
 * in the status) or SESSION_ASK (a question in s->ask; session_answer
 * carries the request out, or not).  The invariants it keeps:
 *
 *  - what is sent is what the form shows: an open edit is committed before
 *    anything is signed, and when it cannot be the send is refused;
 *  - nothing that replaces the form or the profile runs while a request is
 *    in flight: it is refused until the request ends or is cancelled;
 *  - a send is recorded with the values as sent (generators computed) and
 *    the generators apart, so an exact replay sends what was sent and a
 *    fresh one computes every generator again, in every field type;
 *  - an action that fails leaves the form as it was.
 *
 * The views draw this struct and their own state; they change it only
 * through session_request (and the open edit's line editor, s->edit.line).
 * Call order: session_init, then in the loop session_wait (the terminal's
 * descriptor with the transfers) and session_step, session_release last.
 */
#ifndef TOPC_SESSION_H
#define TOPC_SESSION_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "base/buf.h"
#include "base/i18n.h"
#include "base/params.h"
#include "export/export.h"
#include "form/form.h"
#include "form/form_store.h"
#include "form/form_value.h"
#include "history/history.h"
#include "lineedit.h"
#include "profile/profile.h"
#include "send/client.h"
#include "top/outcome.h"
#include "send/request.h"

/* The actions a person asks for by key or by name (the command palette):
 * X(id, name in topc.conf and the palette, key, Ctrl alternative, label,
 * help).  The label is the action's name as a person says it, for a reader
 * of another language to find it in the palette.  Help, the palette and the
 * key handling all read this table; labels and help texts are marked N_
 * and translated where they are shown. */
#define SESSION_ACTION_TABLE(X)                                                                    \
	X(HELP, "help", "F1", "^N", N_("help"), N_("this help (also ? outside text fields)"))      \
	X(PALETTE, "palette", "^P", "", N_("command palette"),                                     \
	  N_("run any action by name (also : outside text fields)"))                               \
	X(NEXT_PANE, "next_pane", "Tab", "", N_("next pane"), N_("next pane"))                     \
	X(PREV_PANE, "prev_pane", "S-Tab", "", N_("previous pane"), N_("previous pane"))           \
	X(SEND, "send", "F5", "^S", N_("send"),                                                    \
	  N_("commit the open edit, validate, sign and send the form"))                            \
	X(PROFILE, "profile", "F2", "^F", N_("switch profile"), N_("switch profile"))              \
	X(TEMPLATE_LOAD, "template_load", "F3", "^T", N_("load template"),                         \
	  N_("load a template into the form"))                                                     \
	X(TEMPLATE_SAVE, "template_save", "F4", "^O", N_("save template"),                         \
	  N_("save the form as a template"))                                                       \
	X(SIGNATURE, "signature", "F6", "^V", N_("signature"),                                     \
	  N_("the request as sent (last send, or the history's entry) and the form's preview"))    \
	X(PROFILE_EDIT, "profile_edit", "F7", "^R", N_("edit profile"),                            \
	  N_("edit the profile (secret sources only); F5 saves, F7 leaves"))                       \
	X(DIFF, "diff", "", "", N_("compare with its origin"),                                     \
	  N_("the history's replay against its origin, field by field (D in the history)"))        \
	X(EXPORT, "export", "", "", N_("export entry as SDK code"),                                \
	  N_("copy the history's entry as SDK code, language picked (x in the history)"))          \
	X(EXPORT_FORM, "export_form", "", "", N_("export form as SDK code"),                       \
	  N_("copy the current form as SDK code, a preview (generated values made now)"))          \
	X(QUERY, "query", "F8", "^Y", N_("query the response"),                                    \
	  N_("the query line over the response (| there): jq, XPath for XML; Enter copies a "      \
	     "value"))                                                                             \
	X(QUIT, "quit", "F10", "^Q", N_("quit"),                                                   \
	  N_("quit (also q outside text fields); drafts are kept"))

enum session_action {
#define SESSION_X(id, name, key, ctrl, label, what) SESSION_ACTION_##id,
	SESSION_ACTION_TABLE(SESSION_X)
#undef SESSION_X
	    SESSION_ACTION_COUNT
};

const char *session_action_name(enum session_action a);
const char *session_action_key(enum session_action a);
const char *session_action_ctrl(enum session_action a);
const char *session_action_help(enum session_action a);
/* The action's name as a person says it (untranslated: _() it), what a
 * reader of another language types in the palette to find it. */
const char *session_action_label(enum session_action a);

/* The model's requests: X(id, flags).  Flags: COMMITS (the open edit is
 * committed first, and the request refused when it cannot be: a send signs
 * what the form shows, a switch keeps it in the draft), FORM (replaces the
 * form: refused in flight), PROFILE (replaces the profile: refused in
 * flight). */
#define SESSION_COMMITS 1u
#define SESSION_FORM 2u
#define SESSION_PROFILE 4u
#define SESSION_REQ_TABLE(X)                                                                       \
	X(SEND, SESSION_COMMITS)                                                                   \
	X(CANCEL, 0)                                                                               \
	X(SELECT_METHOD, SESSION_FORM | SESSION_COMMITS) /* text: the method */                    \
	X(SET_VALUE, 0)					 /* path, text */                          \
	X(REMOVE_ELEMENT, 0)				 /* path, elem */                          \
	X(EDIT_OPEN, 0) /* path, elem (-1: the field), adds, text */                               \
	X(EDIT_COMMIT, 0)                                                                          \
	X(EDIT_CANCEL, 0)                                                                          \
	X(PROFILE_SWITCH, SESSION_PROFILE)		 /* text: the profile's name */            \
	X(TEMPLATE_LOAD, SESSION_FORM | SESSION_COMMITS) /* text: the template's name */           \
	X(TEMPLATE_SAVE, SESSION_COMMITS)		 /* text: the template's name */           \
	X(PROFILE_EDIT, SESSION_FORM | SESSION_COMMITS)	 /* opens, or leaves without saving */     \
	X(PROFILE_SAVE, SESSION_PROFILE | SESSION_COMMITS)                                         \
	X(LOAD_ENTRY, SESSION_FORM | SESSION_COMMITS) /* id */                                     \
	X(OPEN_ENTRY, 0)			      /* id: its answer in the response pane */    \
	X(REPLAY_FRESH, 0)			      /* id */                                     \
	X(REPLAY_EXACT, 0)			      /* id */                                     \
	X(SELECT_ENTRY, 0)			      /* id */                                     \
	X(QUIT, 0)

enum session_req {
#define SESSION_X(id, flags) SESSION_REQ_##id,
	SESSION_REQ_TABLE(SESSION_X)
#undef SESSION_X
	    SESSION_REQ_COUNT
};

enum session_result { SESSION_DONE, SESSION_REFUSED, SESSION_ASK };

struct session_arg {
	const char *path, *text;
	int elem; /* an array element's index; -1: the field itself */
	bool adds;
	int64_t id;
};

/* A drafts file's identity: whether it is still the one read or written. */
struct session_drafts_id {
	bool known;
	dev_t dev;
	ino_t ino;
	struct timespec mtime;
	off_t size;
};

/* The open edit: which field (or element) and its line. */
struct session_edit {
	bool open;
	char path[512];
	int elem;  /* -1: the field; else the element (the add row: its count) */
	bool adds; /* a new element, inserted after elem on commit */
	struct lineedit line;
};

/* A request as it went out (or is going out), and where it came from. */
struct session_sent {
	struct topc_request req;
	char *method;
	struct topc_params values;     /* as sent: generators computed */
	struct topc_params generators; /* path -> the value with ${...} */
	int64_t origin_id;	       /* the entry a replay replays */
	int64_t entry_id;	       /* its history entry, once recorded */
};

/* What the response pane shows; serial changes with each new answer. */
struct session_answer {
	char *title;
	bool bad;
	char *advice;	  /* what the error means and what to check (codes.h); NULL: none */
	const char *data; /* the text: in own, or in the finished transfer held */
	size_t len;
	const char *headers; /* the answer's header block as received; NULL: none */
	size_t headers_len;
	struct topc_buf own;
	struct topc_buf own_headers; /* an entry's headers, read from the history */
	struct topc_transfer *held;  /* an answer is shown from where it arrived: a
					40 MB body is never copied */
	unsigned serial;
	bool from_server; /* an answer (not a diff or a message) */
};

#define SESSION_STATUS_INFO_MS 5000
#define SESSION_STATUS_ERROR_MS 12000

struct console_session {
	char *profile_name;
	struct topc_profile profile;
	bool have_profile;
	struct topc_client client;
	bool have_client;
	struct topc_form_store forms;
	struct topc_history *history;

	char *method;
	const struct topc_form *form;
	struct topc_params values; /* path -> text as typed */
	struct topc_form_problems problems;
	bool show_missing;	   /* after a send was tried */
	bool dirty;		   /* changed since loaded, sent or saved */
	int64_t origin_id;	   /* the entry the form was loaded from */
	struct topc_params drafts; /* method -> its values as JSON */
	char *drafts_path;	   /* NULL: drafts not kept across runs */
	/* the names of the drafts this console changed since its last write:
	 * only those are written back (another console's stay) */
	struct topc_params drafts_changed;
	/* the file last read or written: read again only when it is another */
	struct session_drafts_id drafts_id;
	bool drafts_refused; /* the file is there but unreadable: never written */

	struct session_edit edit;
	/* after a commit that added an element: where it landed */
	char landed_path[512];
	int landed_elem;

	/* the profile editor: its form in place of the API's, kept aside */
	bool editing_profile;
	bool have_profile_form;
	struct topc_form profile_form;
	struct {
		const struct topc_form *form;
		struct topc_params values;
		bool show_missing, dirty;
	} stash;

	/* the request in flight (transfer) or the last one sent */
	struct topc_transfer *transfer;
	int64_t started_ms;
	bool have_sent;
	struct session_sent sent;
	struct topc_outcome last; /* the last send's outcome */
	char last_date[64];

	struct session_answer answer;
	int64_t hist_sel_id;  /* the selected history entry; 0: none */
	unsigned hist_serial; /* changes when entries are added */

	struct {
		bool pending;
		enum session_req req;
		struct session_arg arg;
		char *path, *text; /* copies for arg */
		char question[256];
	} ask;

	struct {
		char text[512];
		bool error;
		int64_t until_ms;
		bool from_problems; /* cleared once the form has none */
	} status;

	bool quit;
	bool not_recorded; /* the last send's record failed: the status says why */
};

/* Loads the forms and opens the history (the console works without one;
 * the status says why); loads profile_name, or the remembered one, or
 * "local".  false only when the forms cannot be read (err says why). */
bool session_init(struct console_session *s, const char *profile_name, struct topc_error *err);
void session_release(struct console_session *s);

enum session_result session_request(struct console_session *s, enum session_req r,
				    const struct session_arg *arg);
/* Answers the pending question: yes carries the request out. */
enum session_result session_answer(struct console_session *s, bool yes);

/* Quits without a question, as a hangup or SIGTERM must: the open edit
 * committed into the draft (F10's rule), a request in flight cancelled
 * and recorded cancelled with what was sent, the drafts kept. */
void session_hangup(struct console_session *s);

/* Waits up to timeout_ms for the transfer or for fd (the terminal); true
 * when fd is readable. */
bool session_wait(struct console_session *s, int fd, int timeout_ms);
/* Moves the transfer on; true when it finished (recorded, answer set). */
bool session_step(struct console_session *s);
bool session_in_flight(const struct console_session *s);

/* Checks the form again after any change (the views call it after their
 * own changes too, e.g. after a resize nothing is needed). */
void session_validate(struct console_session *s);

/* The status line's text at now_ms, or NULL when it has expired (then the
 * key hints show). */
const char *session_status(const struct console_session *s, int64_t now_ms, bool *error);
void session_say(struct console_session *s, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Puts text in the response pane (a diff, a list of errors, an answer):
 * from_server says it came from outside and may be re-indented. */
void session_show(struct console_session *s, const char *title, bool bad, const char *text,
		  size_t len, bool from_server);

/* The signature view: the request sent for entry id (0: the last one this
 * console sent), with the explanation of its error, then the preview of
 * the current form, labelled.  Appends to out. */
void session_signature_text(struct console_session *s, int64_t id, struct topc_buf *out);

/* The current form as lang's code, a preview: its generated values (${uuid},
 * ${seq}...) made now, as a send would make them anew.  The code is what
 * topc send METHOD -s ... --export LANG writes for the same values and
 * profile (export.h: topc_export_request_for_profile, topc_export_program).
 * False, with err filled, when there is no API or the form has a problem. */
bool session_export_form(struct console_session *s, enum topc_export_lang lang,
			 struct topc_buf *out, struct topc_error *err);

/* A ${...} preview of one value for the form's help line, into out; false
 * when it does not expand (out has the reason). */
bool session_preview_value(const struct console_session *s, const char *value,
			   struct topc_buf *out);

/* A value of the form given to the request directly, never through the
 * form's fields: a system parameter's override (format=xml, v, sign_method;
 * "" drops it from the request) or a name the form does not have, as a CLI
 * send with -s/-S kept it and topc replay sends it (topc_replay_given_raw).
 * Such values are sent as they are, on top of the fields', are not checked
 * as fields, and the form pane lists them apart. */
bool session_value_raw(const struct console_session *s, const char *name);

/* Whether the console starts the client on first use (profile switch
 * checks it at once); when it cannot, the status says why and so does
 * *why (unless NULL), its code 0 when no profile loaded. */
bool session_client(struct console_session *s, struct topc_error *why);

#endif
