/*
 * dynlib.h - libcurl, libxml2 and libmicrohttpd, opened on first use.
 *
 * With their own dependencies (GnuTLS, Kerberos, LDAP, ICU, ...) these three
 * libraries cost more at start than everything else topc does: ~13 ms and
 * ~8 MB before main() on the reference machine, paid by every command and by
 * the console's first screen although most of them never send, parse XML or
 * serve.  So topc does not link them; the adapter that wraps each library
 * (transport.c and urlcode.c for libcurl, xml.c for libxml2, gateway.c for
 * libmicrohttpd) opens it by its soname, found at build time, before its
 * first call.
 *
 * The function tables are typed with the libraries' own prototypes
 * (__typeof__), so a call with the wrong arguments is still a compile error.
 *
 * Contract: call topc_dynlib_curl() (or _xml, _mhd) and check it before using
 * topc_curl (or topc_xml, topc_mhd); once it has succeeded the table stays
 * valid until the process exits.  Loading is thread-safe and happens once;
 * a failure is remembered and reported the same way to every caller.
 */
#ifndef TOPC_DYNLIB_H
#define TOPC_DYNLIB_H

#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <microhttpd.h>
#include <stdbool.h>

#include "error.h"

/* X(member, library function) */
#define TOPC_CURL_FUNCTIONS(X)                                                                     \
	X(global_init, curl_global_init)                                                           \
	X(free, curl_free)                                                                         \
	X(easy_init, curl_easy_init)                                                               \
	X(easy_setopt, curl_easy_setopt)                                                           \
	X(easy_getinfo, curl_easy_getinfo)                                                         \
	X(easy_reset, curl_easy_reset)                                                             \
	X(easy_cleanup, curl_easy_cleanup)                                                         \
	X(easy_strerror, curl_easy_strerror)                                                       \
	X(easy_escape, curl_easy_escape)                                                           \
	X(easy_unescape, curl_easy_unescape)                                                       \
	X(slist_append, curl_slist_append)                                                         \
	X(slist_free_all, curl_slist_free_all)                                                     \
	X(multi_init, curl_multi_init)                                                             \
	X(multi_add_handle, curl_multi_add_handle)                                                 \
	X(multi_remove_handle, curl_multi_remove_handle)                                           \
	X(multi_perform, curl_multi_perform)                                                       \
	X(multi_poll, curl_multi_poll)                                                             \
	X(multi_info_read, curl_multi_info_read)                                                   \
	X(multi_cleanup, curl_multi_cleanup)                                                       \
	X(url, curl_url)                                                                           \
	X(url_set, curl_url_set)                                                                   \
	X(url_get, curl_url_get)                                                                   \
	X(url_cleanup, curl_url_cleanup)

#define TOPC_XML_FUNCTIONS(X)                                                                      \
	X(read_memory, xmlReadMemory)                                                              \
	X(doc_get_root_element, xmlDocGetRootElement)                                              \
	X(node_get_content, xmlNodeGetContent)                                                     \
	X(free_doc, xmlFreeDoc)                                                                    \
	X(doc_dump_format_memory_enc, xmlDocDumpFormatMemoryEnc)                                   \
	X(get_last_error, xmlGetLastError)

#define TOPC_MHD_FUNCTIONS(X)                                                                      \
	X(start_daemon, MHD_start_daemon)                                                          \
	X(stop_daemon, MHD_stop_daemon)                                                            \
	X(get_daemon_info, MHD_get_daemon_info)                                                    \
	X(lookup_connection_value, MHD_lookup_connection_value)                                    \
	X(get_connection_values, MHD_get_connection_values)                                        \
	X(create_response_from_buffer, MHD_create_response_from_buffer)                            \
	X(create_response_from_callback, MHD_create_response_from_callback)                        \
	X(add_response_header, MHD_add_response_header)                                            \
	X(queue_response, MHD_queue_response)                                                      \
	X(destroy_response, MHD_destroy_response)

#define TOPC_DYNLIB_MEMBER(member, function) __typeof__(function) *member;

struct topc_curl_api {
	TOPC_CURL_FUNCTIONS(TOPC_DYNLIB_MEMBER)
};

struct topc_xml_api {
	TOPC_XML_FUNCTIONS(TOPC_DYNLIB_MEMBER)
	/* libxml2's deallocator, a variable in the library, not a function */
	xmlFreeFunc *free;
};

struct topc_mhd_api {
	TOPC_MHD_FUNCTIONS(TOPC_DYNLIB_MEMBER)
};

extern struct topc_curl_api topc_curl;
extern struct topc_xml_api topc_xml;
extern struct topc_mhd_api topc_mhd;

/* Opens the library (libcurl also gets curl_global_init) and fills its
 * table.  False, with err naming the library, the loader's reason and the
 * Debian package to install, when it cannot. */
bool topc_dynlib_curl(struct topc_error *err);
bool topc_dynlib_xml(struct topc_error *err);
bool topc_dynlib_mhd(struct topc_error *err);

#endif
