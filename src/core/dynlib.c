#include "dynlib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct topc_curl_api topc_curl;
struct topc_xml_api topc_xml;
struct topc_mhd_api topc_mhd;

/* One library: where it is, what it fills, and how its loading went. */
struct dynlib {
	const char *soname;
	const char *package; /* the Debian package that installs it */
	pthread_once_t once;
	bool ok;
	char why[200];
};

static void *open_library(struct dynlib *lib)
{
	void *h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);

	if (!h)
		snprintf(lib->why, sizeof(lib->why), "%s", dlerror());
	return h;
}

/* dlsym into a typed table slot; a missing symbol (a library older than the
 * one topc was built against) fails the whole library. */
static bool resolve(struct dynlib *lib, void *h, const char *name, void *slot)
{
	void *sym = dlsym(h, name);

	if (!sym) {
		snprintf(lib->why, sizeof(lib->why), "it has no %s; it is older than topc needs",
			 name);
		return false;
	}
	/* POSIX guarantees a data pointer from dlsym converts to the function
	 * pointer it names; memcpy says so without a cast ISO C frowns on */
	memcpy(slot, &sym, sizeof(sym));
	return true;
}

#define RESOLVE(member, function) ok = ok && resolve(lib, h, #function, &api->member);

static struct dynlib curl_lib = {TOPC_CURL_SONAME, "libcurl4", PTHREAD_ONCE_INIT, false, ""};
static struct dynlib xml_lib = {TOPC_XML_SONAME, "libxml2", PTHREAD_ONCE_INIT, false, ""};
static struct dynlib mhd_lib = {TOPC_MHD_SONAME, "libmicrohttpd12", PTHREAD_ONCE_INIT, false,
				""};

static void load_curl(void)
{
	struct dynlib *lib = &curl_lib;
	struct topc_curl_api *api = &topc_curl;
	void *h = open_library(lib);
	bool ok = h != NULL;

	TOPC_CURL_FUNCTIONS(RESOLVE)
	if (ok && api->global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(lib->why, sizeof(lib->why), "curl_global_init failed");
		ok = false;
	}
	lib->ok = ok;
}

static void load_xml(void)
{
	struct dynlib *lib = &xml_lib;
	struct topc_xml_api *api = &topc_xml;
	void *h = open_library(lib);
	bool ok = h != NULL;

	TOPC_XML_FUNCTIONS(RESOLVE)
	ok = ok && resolve(lib, h, "xmlFree", &api->free);
	lib->ok = ok;
}

static void load_mhd(void)
{
	struct dynlib *lib = &mhd_lib;
	struct topc_mhd_api *api = &topc_mhd;
	void *h = open_library(lib);
	bool ok = h != NULL;

	TOPC_MHD_FUNCTIONS(RESOLVE)
	lib->ok = ok;
}

static bool finish(struct dynlib *lib, struct topc_error *err)
{
	if (!lib->ok)
		topc_error_set(err, TOPC_ERR_INTERNAL,
			       "cannot use %s: %s; install it with apt-get install %s", lib->soname,
			       lib->why, lib->package);
	return lib->ok;
}

bool topc_dynlib_curl(struct topc_error *err)
{
	pthread_once(&curl_lib.once, load_curl);
	return finish(&curl_lib, err);
}

bool topc_dynlib_xml(struct topc_error *err)
{
	pthread_once(&xml_lib.once, load_xml);
	return finish(&xml_lib, err);
}

bool topc_dynlib_mhd(struct topc_error *err)
{
	pthread_once(&mhd_lib.once, load_mhd);
	return finish(&mhd_lib, err);
}
