/*
 * codes.h - TOP's platform error codes (TOP_PROTOCOL.md 5), each with its
 * message and what a person should check.  The local gateway answers with
 * these messages and the front ends explain errors from the same table.
 */
#ifndef TOPC_CODES_H
#define TOPC_CODES_H

/* X(code, msg, what to check) */
#define TOPC_CODE_TABLE(X)                                                                         \
	X(7, "App Call Limited",                                                                   \
	  "the app is rate limited; wait for the ban period the message gives, then retry")        \
	X(10, "Service Currently Unavailable", "a platform fault; retry after a while")            \
	X(11, "Insufficient ISV Permissions",                                                      \
	  "the app lacks this API's package or the IP whitelist refuses this host")                \
	X(15, "Remote Service Error",                                                              \
	  "the API's backend refused it; read sub_code and sub_msg (isp.* may be retried, isv.* "  \
	  "will not succeed unchanged)")                                                           \
	X(21, "Missing Method", "the method parameter was not sent")                               \
	X(22, "Invalid Method", "the method name is unknown to the gateway; check its spelling")   \
	X(23, "Invalid Format", "format must be json or xml")                                      \
	X(24, "Missing Signature", "the sign parameter was not sent")                              \
	X(25, "Invalid Signature",                                                                 \
	  "the secret, sign_method or a parameter value differs from what was signed; run topc "   \
	  "sign to see the canonical string")                                                      \
	X(26, "Missing Session",                                                                   \
	  "this API needs authorization; set a session source in the profile")                     \
	X(27, "Invalid Session", "the session key is wrong or expired; get a new one")             \
	X(28, "Missing App Key", "the app_key parameter was not sent")                             \
	X(29, "Invalid App Key",                                                                   \
	  "the gateway does not know this app_key; check the profile's app_key")                   \
	X(30, "Missing Timestamp", "the timestamp parameter was not sent")                         \
	X(31, "Invalid Timestamp",                                                                 \
	  "timestamp must be yyyy-MM-dd HH:mm:ss in GMT+8 within 10 minutes of the gateway's "     \
	  "clock; check this machine's clock")                                                     \
	X(32, "Missing Version", "the v parameter was not sent")                                   \
	X(33, "Invalid Version", "v must be 2.0")                                                  \
	X(40, "Missing Required Arguments",                                                        \
	  "a required business parameter is missing; sub_code names it")                           \
	X(41, "Invalid Arguments", "a business parameter has a bad value; sub_code names it")      \
	X(50, "Remote service error", "the API's backend refused it; read sub_code and sub_msg")

/* The table's message for code, or NULL. */
const char *topc_code_message(long long code);
/* What to check for code, or NULL. */
const char *topc_code_hint(long long code);

#endif
