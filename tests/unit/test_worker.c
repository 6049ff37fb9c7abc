/* base/worker: a helper process on a socket pair, started, talked to,
 * waited for or killed, and started again. */
#include "test_header.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/file.h"
#include "base/worker.h"

/* Answers each byte with the byte plus ctx's; exits 3 at its socket's end. */
static void add_one(int fd, void *ctx)
{
	unsigned char c;

	while (topc_fd_read_all(fd, &c, 1)) {
		c = (unsigned char)(c + *(const unsigned char *)ctx);
		if (!topc_fd_write_all(fd, &c, 1))
			_exit(4);
	}
	_exit(3);
}

static void forever(int fd, void *ctx)
{
	(void)fd, (void)ctx;
	for (;;)
		pause();
}

static void returns(int fd, void *ctx)
{
	(void)fd, (void)ctx;
}

static void test_talks_and_is_waited_for(void **state)
{
	struct topc_worker w;
	unsigned char step = 1, c = 'a';
	int status = -1;

	topc_worker_init(&w);
	assert_int_equal(w.pid, 0);
	assert_int_equal(w.fd, -1);
	assert_true(topc_worker_start(&w, add_one, &step));
	assert_true(w.pid > 0 && w.fd >= 0);
	assert_true(topc_fd_write_all(w.fd, &c, 1));
	assert_true(topc_fd_read_all(w.fd, &c, 1));
	assert_int_equal(c, 'b');
	topc_worker_stop(&w, &status); /* the socket's end ends it: its own status */
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 3);
	assert_int_equal(w.pid, 0);
	assert_int_equal(w.fd, -1);
	topc_worker_stop(&w, NULL); /* again: nothing */
	/* started anew */
	assert_true(topc_worker_start(&w, add_one, &step));
	assert_true(topc_fd_write_all(w.fd, &c, 1));
	assert_true(topc_fd_read_all(w.fd, &c, 1));
	assert_int_equal(c, 'c');
	topc_worker_stop(&w, NULL);
}

static void test_a_runaway_is_killed(void **state)
{
	struct topc_worker w;
	pid_t pid;

	topc_worker_init(&w);
	assert_true(topc_worker_start(&w, forever, NULL));
	pid = w.pid;
	topc_worker_stop(&w, NULL); /* returns: killed and reaped */
	assert_int_equal(w.pid, 0);
	assert_int_equal(kill(pid, 0), -1); /* no such process any more */
}

static void test_a_serve_that_returns_ends_the_worker(void **state)
{
	struct topc_worker w;
	int status = -1;
	char c;

	topc_worker_init(&w);
	assert_true(topc_worker_start(&w, returns, NULL));
	assert_false(topc_fd_read_all(w.fd, &c, 1)); /* its end closed */
	topc_worker_stop(&w, &status);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* Closes its end and runs on: what a worker looks like to a caller whose
 * exchange failed on its own side (a reply past its bounds). */
static void closes_and_runs_on(int fd, void *ctx)
{
	(void)ctx;
	close(fd);
	for (;;)
		pause();
}

/* The console froze: waited for, such a worker was waited for without end. */
static void test_one_that_runs_on_is_killed_after_a_moment(void **state)
{
	struct topc_worker w;
	struct timespec t0, t1;
	int status = -1;
	char c;
	long ms;

	topc_worker_init(&w);
	assert_true(topc_worker_start(&w, closes_and_runs_on, NULL));
	assert_false(topc_fd_read_all(w.fd, &c, 1)); /* its end closed, it runs on */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	topc_worker_stop(&w, &status);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGKILL);
	assert_true(ms >= TOPC_WORKER_END_MS - 50); /* given its moment first */
	assert_int_equal(w.pid, 0);
	(void)state;
}

/* no socket to be had: false, and w as it was */
static void test_no_socket_no_worker(void **state)
{
	struct topc_worker w;
	struct rlimit was, none;

	topc_worker_init(&w);
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &was), 0);
	none = was;
	none.rlim_cur = 0;
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &none), 0);
	assert_false(topc_worker_start(&w, forever, NULL));
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &was), 0);
	assert_int_equal(w.pid, 0);
	assert_int_equal(w.fd, -1);
}

int main(void)
{
	static const struct CMUnitTest worker_tests[] = {
	    cmocka_unit_test(test_talks_and_is_waited_for),
	    cmocka_unit_test(test_a_runaway_is_killed),
	    cmocka_unit_test(test_a_serve_that_returns_ends_the_worker),
	    cmocka_unit_test(test_one_that_runs_on_is_killed_after_a_moment),
	    cmocka_unit_test(test_no_socket_no_worker),
	};

	return cmocka_run_group_tests_name("base/worker", worker_tests, NULL, NULL);
}
