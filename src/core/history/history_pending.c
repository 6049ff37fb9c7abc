/* history_pending.c - whose a pending entry is: this process's owner
 * text (the boot, the pid and its start time from /proc), and what a
 * reader can tell of another's (history.h). */
#include "history/history.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"

/* The boot id, the system's one per boot: a pid and a start time are
 * unique only within a boot.  Read once: it is the same for the process's
 * life, and every pending row a reader shows asks for it. */
static const char *boot_id(void)
{
	static char id[64];
	static bool tried;

	if (!tried) {
		FILE *f = fopen("/proc/sys/kernel/random/boot_id", "re");
		tried = true;
		if (!f || !fgets(id, sizeof(id), f))
			id[0] = '\0';
		if (f)
			fclose(f);
		id[strcspn(id, "\n")] = '\0';
		if (strchr(id, ' '))
			id[0] = '\0';
	}
	return id[0] ? id : NULL;
}

/* Process pid's state letter and start time (clock ticks after the boot,
 * field 22 of /proc/PID/stat); 0 with errno set when it cannot be read. */
static int read_stat(long pid, char *state, unsigned long long *start)
{
	char path[64], line[1024], *p;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	if (!(f = fopen(path, "re")))
		return 0;
	n = fread(line, 1, sizeof(line) - 1, f);
	fclose(f);
	line[n] = '\0';
	/* the name in parentheses may hold anything, ')' and spaces too */
	if (!(p = strrchr(line, ')')) ||
	    sscanf(p + 1,
		   " %c %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s "
		   "%*s %llu",
		   state, start) != 2) {
		errno = EINVAL;
		return 0;
	}
	return 1;
}

const char *topc_history_owner_self(void)
{
	static char owner[128];
	static bool tried;
	const char *boot;
	char state;
	unsigned long long start;

	if (!tried) {
		tried = true;
		if ((boot = boot_id()) && read_stat((long)getpid(), &state, &start))
			snprintf(owner, sizeof(owner), "%s %ld %llu", boot, (long)getpid(), start);
	}
	return owner[0] ? owner : NULL;
}

enum topc_history_pending topc_history_pending_state(const struct topc_history_entry *e, long *pid)
{
	char owner_boot[64], state = 0;
	const char *boot;
	unsigned long long start = 0, now_start = 0;
	long owner_pid = 0;

	if (pid)
		*pid = 0;
	if (e->outcome != TOPC_OUTCOME_PENDING)
		return TOPC_PENDING_NONE;
	if (!e->owner || sscanf(e->owner, "%63s %ld %llu", owner_boot, &owner_pid, &start) != 3 ||
	    owner_pid <= 0)
		return TOPC_PENDING_UNKNOWN;
	if (pid)
		*pid = owner_pid;
	if (!(boot = boot_id()))
		return TOPC_PENDING_UNKNOWN;
	if (strcmp(boot, owner_boot) != 0)
		return TOPC_PENDING_ENDED; /* the system started again since */
	if (!read_stat(owner_pid, &state, &now_start))
		return errno == ENOENT ? TOPC_PENDING_ENDED : TOPC_PENDING_UNKNOWN;
	/* a zombie was killed and not yet reaped: it sends nothing more; a
	 * start time of its own is another process with the pid again */
	if (state == 'Z' || state == 'X' || now_start != start)
		return TOPC_PENDING_ENDED;
	return TOPC_PENDING_IN_FLIGHT;
}

const char *topc_history_pending_name(enum topc_history_pending state)
{
	switch (state) {
	case TOPC_PENDING_IN_FLIGHT:
		return "in_flight";
	case TOPC_PENDING_ENDED:
		return "ended";
	case TOPC_PENDING_UNKNOWN:
		return "unknown";
	case TOPC_PENDING_NONE:
		break;
	}
	return NULL;
}

void topc_history_pending_text(const struct topc_history_entry *e, char *out, size_t size)
{
	long pid = 0;

	switch (topc_history_pending_state(e, &pid)) {
	case TOPC_PENDING_NONE:
		snprintf(out, size, "%s", "");
		break;
	case TOPC_PENDING_IN_FLIGHT:
		snprintf(out, size, _("in flight: process %ld is sending it, no outcome yet"), pid);
		break;
	case TOPC_PENDING_ENDED:
		snprintf(out, size,
			 _("no outcome recorded: its process %ld ended before the answer came; "
			   "the request may have reached the gateway"),
			 pid);
		break;
	case TOPC_PENDING_UNKNOWN:
		snprintf(out, size, "%s",
			 _("no outcome recorded (still in flight, or its process ended first); "
			   "the request may have reached the gateway"));
		break;
	}
}
