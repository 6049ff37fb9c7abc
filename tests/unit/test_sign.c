/* Signing against vectors computed by Python (tests/vectors/sign.json). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "top/sign.h"
#include "ext/urlcode.h"

static cJSON *vectors;

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	long n;
	char *s;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	s = malloc((size_t)n + 1);
	if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		s = NULL;
	}
	if (s)
		s[n] = '\0';
	fclose(f);
	return s;
}

static void load_params(const cJSON *vec, struct topc_params *p)
{
	const cJSON *pair;

	topc_params_init(p);
	cJSON_ArrayForEach(pair, cJSON_GetObjectItem(vec, "params"))
	{
		assert_int_equal(topc_params_set(p, cJSON_GetArrayItem(pair, 0)->valuestring,
						 cJSON_GetArrayItem(pair, 1)->valuestring),
				 TOPC_OK);
	}
}

static void test_vectors_canonical_and_signatures(void **state)
{
	const cJSON *vec;
	int cases = 0;

	cJSON_ArrayForEach(vec, vectors)
	{
		const char *secret = cJSON_GetObjectItem(vec, "secret")->valuestring;
		const cJSON *signs = cJSON_GetObjectItem(vec, "sign");
		struct topc_params p;
		struct topc_buf s;

		load_params(vec, &p);
		topc_buf_init(&s, 0);
		assert_int_equal(topc_sign_canonical(&p, &s), TOPC_OK);
		assert_string_equal(topc_buf_str(&s),
				    cJSON_GetObjectItem(vec, "canonical")->valuestring);
		for (int m = TOPC_SIGN_MD5; m <= TOPC_SIGN_HMAC_SHA256; m++) {
			char hex[TOPC_SIGN_HEX_MAX];
			const char *name = topc_sign_method_name((enum topc_sign_method)m);
			assert_int_equal(
			    topc_sign_compute((enum topc_sign_method)m, secret, &p, hex, NULL),
			    TOPC_OK);
			assert_string_equal(hex, cJSON_GetObjectItem(signs, name)->valuestring);
		}
		topc_buf_release(&s);
		topc_params_release(&p);
		cases++;
	}
	assert_true(cases >= 9);
}

static void test_vectors_form_body(void **state)
{
	const cJSON *vec;

	cJSON_ArrayForEach(vec, vectors)
	{
		struct topc_params p, back;
		struct topc_buf body;

		load_params(vec, &p);
		topc_buf_init(&body, 0);
		assert_int_equal(topc_url_form_encode(&p, &body, NULL), TOPC_OK);
		assert_string_equal(topc_buf_str(&body),
				    cJSON_GetObjectItem(vec, "body")->valuestring);
		/* Decoding gives back every non-empty parameter. */
		topc_params_init(&back);
		assert_int_equal(topc_url_form_decode(body.data, body.len, &back, NULL), TOPC_OK);
		for (size_t i = 0; i < p.count; i++) {
			const char *v = topc_params_get(&back, p.items[i].name);
			if (p.items[i].value[0])
				assert_string_equal(v, p.items[i].value);
			else
				assert_null(v);
		}
		topc_params_release(&back);
		topc_params_release(&p);
		topc_buf_release(&body);
	}
}

/* An empty body whose buffer nothing was added to is NULL: decoding it
 * passed NULL to memchr (undefined; UBSan stops the ASan suite on it, as
 * fuzz_sign_body found with halt_on_error). */
static void test_empty_body_decodes(void **state)
{
	struct topc_params p, back;
	struct topc_buf body;

	topc_params_init(&p);
	topc_buf_init(&body, 0);
	assert_int_equal(topc_url_form_encode(&p, &body, NULL), TOPC_OK);
	topc_params_init(&back);
	assert_int_equal(topc_url_form_decode(body.data, body.len, &back, NULL), TOPC_OK);
	assert_int_equal(back.count, 0);
	assert_int_equal(topc_url_form_decode(NULL, 0, &back, NULL), TOPC_OK);
	assert_int_equal(back.count, 0);
	topc_params_release(&back);
	topc_buf_release(&body);
	(void)state;
}

/* TOP_PROTOCOL.md 3.4: the published example, typed in here by hand. */
static void test_published_example(void **state)
{
	struct topc_params p;
	char hex[TOPC_SIGN_HEX_MAX];

	topc_params_init(&p);
	topc_params_set(&p, "method", "taobao.item.seller.get");
	topc_params_set(&p, "app_key", "12345678");
	topc_params_set(&p, "session", "test");
	topc_params_set(&p, "timestamp", "2016-01-01 12:00:00");
	topc_params_set(&p, "format", "json");
	topc_params_set(&p, "v", "2.0");
	topc_params_set(&p, "sign_method", "md5");
	topc_params_set(&p, "fields", "num_iid,title,nick,price,num");
	topc_params_set(&p, "num_iid", "11223344");
	assert_int_equal(topc_sign_compute(TOPC_SIGN_MD5, "helloworld", &p, hex, NULL), TOPC_OK);
	assert_string_equal(hex, "66987CB115214E59E6EC978214934FB8");
	/* A sign parameter already present is not part of what is signed. */
	topc_params_set(&p, "sign", "WHATEVER");
	assert_int_equal(topc_sign_compute(TOPC_SIGN_MD5, "helloworld", &p, hex, NULL), TOPC_OK);
	assert_string_equal(hex, "66987CB115214E59E6EC978214934FB8");
	topc_params_release(&p);
}

static void test_display_masks_secret(void **state)
{
	struct topc_params p;
	struct topc_buf s;

	topc_params_init(&p);
	topc_params_set(&p, "b", "2");
	topc_params_set(&p, "a", "1");
	topc_buf_init(&s, 0);
	assert_int_equal(topc_sign_display(TOPC_SIGN_MD5, &p, &s), TOPC_OK);
	assert_string_equal(topc_buf_str(&s), "<secret>a1b2<secret>");
	topc_buf_reset(&s);
	assert_int_equal(topc_sign_display(TOPC_SIGN_HMAC_SHA256, &p, &s), TOPC_OK);
	assert_string_equal(topc_buf_str(&s), "a1b2");
	topc_buf_release(&s);
	topc_params_release(&p);
}

static void test_method_names(void **state)
{
	enum topc_sign_method m;

	assert_true(topc_sign_method_parse("hmac-sha256", &m));
	assert_int_equal(m, TOPC_SIGN_HMAC_SHA256);
	assert_true(topc_sign_method_parse("hmac", &m));
	assert_int_equal(m, TOPC_SIGN_HMAC);
	assert_false(topc_sign_method_parse("MD5", &m));
	assert_false(topc_sign_method_parse("sha1", &m));
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_vectors_canonical_and_signatures),
	    cmocka_unit_test(test_vectors_form_body),
	    cmocka_unit_test(test_empty_body_decodes),
	    cmocka_unit_test(test_published_example),
	    cmocka_unit_test(test_display_masks_secret),
	    cmocka_unit_test(test_method_names),
	};
	char *text = argc > 1 ? slurp(argv[1]) : NULL;
	int rc;

	if (!text) {
		fprintf(stderr, "usage: test_sign tests/vectors/sign.json\n");
		return 1;
	}
	vectors = cJSON_Parse(text);
	free(text);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	cJSON_Delete(vectors);
	return rc;
}
