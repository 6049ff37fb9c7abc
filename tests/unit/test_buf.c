/* buf and params: growth, caps, ownership, ordering. */
#include "test_header.h"

#include "base/buf.h"
#include "base/params.h"

static void test_buf_grows_and_formats(void **state)
{
	struct topc_buf b;

	topc_buf_init(&b, 0);
	assert_string_equal(topc_buf_str(&b), "");
	for (int i = 0; i < 1000; i++)
		assert_int_equal(topc_buf_addf(&b, "%d,", i % 10), TOPC_OK);
	assert_int_equal(b.len, 2000);
	assert_int_equal(strncmp(b.data, "0,1,2,", 6), 0);
	assert_int_equal(b.data[b.len], '\0');
	topc_buf_release(&b);
}

/* curl's dynbuf rule: an append past the cap frees what was there and the
 * buffer stays failed until reset, so no caller can go on with a cut text. */
static void test_buf_cap_fails_closed(void **state)
{
	struct topc_buf b;
	size_t len = 99;

	topc_buf_init(&b, 8);
	assert_int_equal(topc_buf_adds(&b, "12345"), TOPC_OK);
	assert_int_equal(topc_buf_adds(&b, "6789"), TOPC_ERR_NOMEM);
	assert_true(b.failed);
	assert_null(b.data); /* the partial text is gone, not kept */
	assert_int_equal(b.len, 0);
	assert_string_equal(topc_buf_str(&b), "");
	/* a small append that would fit is refused too: the text would lack
	 * its middle */
	assert_int_equal(topc_buf_adds(&b, "6"), TOPC_ERR_NOMEM);
	assert_int_equal(topc_buf_addc(&b, '6'), TOPC_ERR_NOMEM);
	assert_int_equal(topc_buf_addf(&b, "%d", 6), TOPC_ERR_NOMEM);
	assert_string_equal(topc_buf_str(&b), "");
	assert_null(topc_buf_detach(&b, &len));
	assert_int_equal(len, 0);

	/* reset makes it usable again, with the same cap */
	topc_buf_init(&b, 8);
	assert_int_equal(topc_buf_addf(&b, "%s", "123456789"), TOPC_ERR_NOMEM);
	topc_buf_reset(&b);
	assert_false(b.failed);
	assert_int_equal(topc_buf_adds(&b, "12345678"), TOPC_OK);
	assert_string_equal(topc_buf_str(&b), "12345678");
	assert_int_equal(topc_buf_addc(&b, 'x'), TOPC_ERR_NOMEM);
	assert_null(b.data);
	topc_buf_release(&b);
	assert_false(b.failed);
}

static void test_strf_whole(void **state)
{
	char big[5001];
	char *s;

	memset(big, 'x', 5000);
	big[5000] = '\0';
	s = topc_strf("<%s>", big);
	assert_non_null(s);
	assert_int_equal(strlen(s), 5002);
	assert_int_equal(s[5001], '>');
	free(s);
}

static void test_buf_detach(void **state)
{
	struct topc_buf b;
	size_t len = 0;
	char *s;

	topc_buf_init(&b, 0);
	assert_int_equal(topc_buf_adds(&b, "hello"), TOPC_OK);
	s = topc_buf_detach(&b, &len);
	assert_string_equal(s, "hello");
	assert_int_equal(len, 5);
	assert_null(b.data);
	free(s);
	s = topc_buf_detach(&b, &len); /* empty buffer: an empty string, not NULL */
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

static void test_params_replace_remove_sort(void **state)
{
	struct topc_params p;
	const struct topc_param *order[4];

	topc_params_init(&p);
	topc_params_set(&p, "foobar", "4");
	topc_params_set(&p, "foo_bar", "3");
	topc_params_set(&p, "foo", "x");
	topc_params_set(&p, "bar", "2");
	topc_params_set(&p, "foo", "1");
	assert_int_equal(p.count, 4);
	assert_string_equal(topc_params_get(&p, "foo"), "1");
	assert_string_equal(p.items[2].name, "foo"); /* replaced in place */
	topc_params_sorted(&p, order);
	assert_string_equal(order[0]->name, "bar");
	assert_string_equal(order[1]->name, "foo");
	assert_string_equal(order[2]->name, "foo_bar");
	assert_string_equal(order[3]->name, "foobar");
	assert_true(topc_params_remove(&p, "foo"));
	assert_false(topc_params_remove(&p, "foo"));
	assert_null(topc_params_get(&p, "foo"));
	assert_int_equal(p.count, 3);
	topc_params_release(&p);
}

static bool drop_none(const char *name, const void *ctx)
{
	(void)name, (void)ctx;
	return false;
}

static bool drop_all(const char *name, const void *ctx)
{
	(void)name, (void)ctx;
	return true;
}

/* Every change gives a list a serial no state of any list had: what the
 * console worked out from a value (its generator mark) holds only while
 * the serial stays, even when a new value of the same size lands where the
 * old one was freed. */
static void test_params_serial_changes_with_the_list(void **state)
{
	struct topc_params p, q;
	unsigned long long seen[8];
	size_t n = 0;

	(void)state;
	topc_params_init(&p);
	topc_params_init(&q);
	seen[n++] = q.serial;
	seen[n++] = p.serial;
	assert_int_equal(topc_params_set(&p, "a", "${uuid}"), TOPC_OK);
	seen[n++] = p.serial;
	assert_int_equal(topc_params_set(&p, "a", "plain!!"), TOPC_OK); /* same size */
	seen[n++] = p.serial;
	assert_int_equal(topc_params_copy(&q, &p), TOPC_OK);
	seen[n++] = q.serial;
	assert_true(topc_params_remove(&p, "a"));
	seen[n++] = p.serial;
	topc_params_release(&q);
	seen[n++] = q.serial;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			assert_true(seen[i] != seen[j]);
	assert_false(topc_params_remove(&p, "a"));
	assert_true(p.serial == seen[5]); /* nothing changed */
	assert_ptr_equal(topc_params_get(&p, "a"), NULL);
	assert_true(p.serial == seen[5]);
	/* remove_if: a new serial when it removed any, the same when none */
	assert_int_equal(topc_params_set(&p, "b", "1"), TOPC_OK);
	seen[0] = p.serial;
	assert_int_equal(topc_params_remove_if(&p, drop_none, NULL), 0);
	assert_true(p.serial == seen[0]);
	assert_int_equal(topc_params_remove_if(&p, drop_all, NULL), 1);
	assert_true(p.serial != seen[0]);
	topc_params_release(&p);
}

/* topc_grow: room for one more, by doubling; a size that would overflow is
 * refused with the array and its room as they were. */
static void test_grow(void **state)
{
	long *v = NULL, *more;
	size_t alloc = 0, n = 0;

	for (; n < 1000; n++) {
		size_t before = alloc;
		more = topc_grow(v, sizeof(*v), n, &alloc);
		assert_non_null(more);
		if (n < before)
			assert_ptr_equal(more, v);
		assert_true(alloc > n && alloc == (before > n ? before : before ? before * 2 : 16));
		v = more;
		v[n] = (long)n * 3;
	}
	assert_int_equal(alloc, 1024);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i], (long)i * 3);
	alloc = 1000;
	assert_null(topc_grow(v, SIZE_MAX / 1000, 1000, &alloc));
	assert_int_equal(alloc, 1000);
	assert_int_equal(v[999], 999 * 3);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_buf_grows_and_formats),
	    cmocka_unit_test(test_buf_cap_fails_closed),
	    cmocka_unit_test(test_strf_whole),
	    cmocka_unit_test(test_buf_detach),
	    cmocka_unit_test(test_params_replace_remove_sort),
	    cmocka_unit_test(test_params_serial_changes_with_the_list),
	    cmocka_unit_test(test_grow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
