/*
 * codes.h - TOP's error codes and sub_codes (TOP_PROTOCOL.md 5), each with
 * what it means and what to check: the one table the local gateway answers
 * from and every front end (the CLI, the console, --json's "advice")
 * explains errors with.
 *
 * Codes and sub_codes have a retry class: NEVER (the caller's fault: isv.*,
 * signatures, permissions), LATER (the platform's side: isp.*, 10; worth the
 * profile's retries) and BAN (call limits: 7, accesscontrol.*; the answer's
 * "This ban will last for N more seconds" says how long to wait).
 */
#ifndef TOPC_CODES_H
#define TOPC_CODES_H

#include <stdbool.h>

#include "base/buf.h"
#include "top/outcome.h"

enum topc_retry { TOPC_RETRY_NEVER, TOPC_RETRY_LATER, TOPC_RETRY_BAN };

/* X(code, msg, retry, meaning and what to check).  The hints are translated
 * where a person reads them (topc_outcome_advice_human); xgettext: X:4,4t
 * and X:3,3t take them for po/ (msg is TOP's own text and stays). */
#define TOPC_CODE_TABLE(X)                                                                         \
	X(3, "Upload Fail", NEVER,                                                                 \
	  "an image or file upload failed; check the file's size and type, and send it as "        \
	  "multipart/form-data")                                                                   \
	X(4, "User Call Limited", BAN, "the user's call count is exceeded; wait, then retry")      \
	X(5, "Session Call Limited", BAN,                                                          \
	  "the session's call count is exceeded; wait, then retry")                                \
	X(6, "Partner Call Limited", BAN,                                                          \
	  "the partner's call count is exceeded; wait, then retry")                                \
	X(7, "App Call Limited", BAN,                                                              \
	  "the app's call count or frequency is exceeded; wait the ban period the message gives, " \
	  "then retry")                                                                            \
	X(8, "App Call Exceeds Limited Frequency", BAN,                                            \
	  "calls too frequent; slow down, then retry")                                             \
	X(9, "Http Action Not Allowed", NEVER,                                                     \
	  "the HTTP method is refused: use upper-case POST (uploads need POST)")                   \
	X(10, "Service Currently Unavailable", LATER, "a platform fault; retry after a while")     \
	X(11, "Insufficient ISV Permissions", NEVER,                                               \
	  "the app lacks this API's permission package, or the IP whitelist refuses this host; "   \
	  "sub_code says which; apply for the package or add the IP in the app's console")         \
	X(12, "Insufficient User Permissions", NEVER,                                              \
	  "the user (session) has not granted this API; have them authorize the app again")        \
	X(13, "Insufficient Partner Permissions", NEVER,                                           \
	  "the partner lacks permission for this API; check the partner's contract")               \
	X(15, "Remote Service Error", NEVER,                                                       \
	  "the API's backend refused it; sub_code and sub_msg say why (isp.* is the platform's "   \
	  "side and may be retried, isv.* will not succeed unchanged)")                            \
	X(21, "Missing Method", NEVER, "the method parameter was not sent")                        \
	X(22, "Invalid Method", NEVER,                                                             \
	  "the gateway does not know this method; check its spelling and that the app may call "   \
	  "it")                                                                                    \
	X(23, "Invalid Format", NEVER, "format must be json or xml")                               \
	X(24, "Missing Signature", NEVER, "the sign parameter was not sent")                       \
	X(25, "Invalid Signature", NEVER,                                                          \
	  "the secret, sign_method or a parameter value differs from what was signed; compare "    \
	  "the canonical string with the partner's")                                               \
	X(26, "Missing Session", NEVER,                                                            \
	  "this API needs a user's authorization: set session_env, session_file or session_cmd "   \
	  "in the profile")                                                                        \
	X(27, "Invalid Session", NEVER,                                                            \
	  "the session key is wrong or expired; get a new one by authorizing again")               \
	X(28, "Missing App Key", NEVER, "the app_key parameter was not sent")                      \
	X(29, "Invalid App Key", NEVER,                                                            \
	  "the gateway does not know this app_key; check the profile's app_key and gateway "       \
	  "(sandbox keys only work on the sandbox)")                                               \
	X(30, "Missing Timestamp", NEVER, "the timestamp parameter was not sent")                  \
	X(31, "Invalid Timestamp", NEVER,                                                          \
	  "timestamp must be yyyy-MM-dd HH:mm:ss in GMT+8 within 10 minutes of the gateway's "     \
	  "clock; check this machine's clock")                                                     \
	X(32, "Missing Version", NEVER, "the v parameter was not sent")                            \
	X(33, "Invalid Version", NEVER, "v must be 2.0")                                           \
	X(34, "Unsupported Version", NEVER, "this API does not support the version sent; use 2.0") \
	X(40, "Missing Required Arguments", NEVER,                                                 \
	  "a required business parameter is missing; sub_code names it")                           \
	X(41, "Invalid Arguments", NEVER,                                                          \
	  "a business parameter has a bad value; sub_code names it")                               \
	X(42, "Forbidden Request", NEVER,                                                          \
	  "the request is forbidden (sources also call it insufficient session permissions); "     \
	  "check the session's scope and the app's permissions")                                   \
	X(43, "Parameter Error", NEVER, "a parameter is malformed; sub_msg says which")            \
	X(44, "Invalid Access Token", NEVER,                                                       \
	  "the access token is wrong or expired; get a new one")                                   \
	X(47, "Invalid Encoding", NEVER,                                                           \
	  "the request was not valid UTF-8; re-encode the values as UTF-8")                        \
	X(50, "Remote service error", NEVER,                                                       \
	  "the API's backend refused it; sub_code and sub_msg say why")                            \
	X(53, "Insufficient Security Level", NEVER,                                                \
	  "the call needs a higher security level (for example https or a stronger sign_method); " \
	  "check the API's security requirements")

/* X(sub_code, retry, meaning and what to check); a pattern ending in '*'
 * matches every sub_code with that prefix.  The first match wins. */
#define TOPC_SUB_CODE_TABLE(X)                                                                     \
	X("isv.permission-api-package-empty", NEVER,                                               \
	  "the app has no API permission package; apply for the package holding this API")         \
	X("isv.permission-api-package-not-allowed", NEVER,                                         \
	  "the app's packages do not include this API; apply for the one that does")               \
	X("isv.permission-api-package-limit", NEVER,                                               \
	  "this API is in a package the app has not been granted (sub_msg names the scopes)")      \
	X("isv.permission-ip-whitelist-limit", NEVER,                                              \
	  "this host's IP is not in the app's IP whitelist; add it in the app's console")          \
	X("isv.permission-api-widget-only-limit", NEVER,                                           \
	  "this API may only be called from a widget, not from a server")                          \
	X("accesscontrol.limited-by-app-access-count", BAN,                                        \
	  "the app's daily call count for all APIs is used up; wait the ban period")               \
	X("accesscontrol.limited-by-api-access-count", BAN,                                        \
	  "this API's call count is used up; wait the ban period")                                 \
	X("accesscontrol.limited-by-app-api-access-count", BAN,                                    \
	  "the app's call count for this API is used up; wait the ban period")                     \
	X("accesscontrol.*", BAN, "a call limit; wait the ban period, then retry")                 \
	X("isv.access-limited-by-*", BAN, "a call limit; wait, then retry")                        \
	X("session-expired", NEVER, "the session key has expired; authorize again for a new one")  \
	X("invalid-sessionkey", NEVER,                                                             \
	  "the session key is not one TOP issued for this app; check session_env/file/cmd")        \
	X("session-not-exist", NEVER, "no such session; authorize again")                          \
	X("isv.appkey-not-exists", NEVER,                                                          \
	  "no app has this app_key at this gateway; check the profile's app_key and gateway")      \
	X("isv.missing-parameter*", NEVER,                                                         \
	  "a required parameter is missing; the sub_code names it")                                \
	X("isv.invalid-parameter*", NEVER,                                                         \
	  "a parameter's value is refused; the sub_code or sub_msg names it")                      \
	X("isv.invalid-signature", NEVER,                                                          \
	  "the signature does not match what the gateway received")                                \
	X("isp.top-remote-connection-timeout", LATER,                                              \
	  "the API's backend timed out; retry after a while")                                      \
	X("isp.top-remote-service-unavailable", LATER,                                             \
	  "the API's backend is unavailable; retry after a while")                                 \
	X("isp.top-remote-connection-error", LATER,                                                \
	  "the platform could not reach the API's backend; retry after a while")                   \
	X("isp.top-mapping-parse-error", LATER,                                                    \
	  "the platform could not read the backend's answer; retry after a while, and report it "  \
	  "if it stays")                                                                           \
	X("isp.unknown-error", LATER, "an unknown platform fault; retry after a while")            \
	X("isp.*", LATER, "a fault on the platform's side; retry after a while")                   \
	X("isv.*", NEVER,                                                                          \
	  "the API refused the request's content (a business rule, a value, a permission); "       \
	  "sub_msg says why; sending it again unchanged will not help")

/* The table's message for code, or NULL. */
const char *topc_code_message(long long code);
/* What code means and what to check, or NULL. */
const char *topc_code_hint(long long code);
/* The sub_code table's text for sub_code (exact or by prefix), or NULL. */
const char *topc_sub_code_hint(const char *sub_code);

/* How an answer may be retried: by its sub_code when the table knows it,
 * else by its code; NEVER for anything but an API error. */
enum topc_retry topc_outcome_retry(const struct topc_outcome *o);
/* The ban period an answer states ("This ban will last for 12 more
 * seconds", in msg or sub_msg); false when it states none. */
bool topc_outcome_ban_seconds(const struct topc_outcome *o, long *seconds);

/* Appends one line of advice for an outcome: what the code and sub_code
 * mean and what to check, or for the other classes (HTTP 5xx and 4xx,
 * unparseable, transport) what to look at.  Nothing for a success. */
TOPC_MUST_CHECK enum topc_status topc_outcome_advice(const struct topc_outcome *o,
						     struct topc_buf *out);
/* The same advice in the reader's language (the "topc" catalog), for a
 * person; topc_outcome_advice stays English for --json and the history. */
TOPC_MUST_CHECK enum topc_status topc_outcome_advice_human(const struct topc_outcome *o,
							   struct topc_buf *out);

#endif
