#!/usr/bin/env python3
"""What loading topc's libraries costs before main runs, beside what the
console holds at its first screen.

Builds an empty C program (it waits for a byte on stdin, then exits) linked
with exactly the libraries the built topc names in its DT_NEEDED, in the same
order, starts it in an 80x24 pseudo-terminal, and reads its
/proc/PID/smaps_rollup; then does the same for `topc console` once its first
screen is drawn (empty history).  Prints RSS, PSS and the private part of
each, the difference (the console's own pages), and the libraries that weigh
most in the empty program.

PSS charges a shared page to every process mapping it in equal parts, so it
depends on what else runs: on a quiet server nothing else maps libcurl's
gnutls or libxml2's ICU and PSS is close to RSS.  The figures printed here
are the honest reading of a memory target: RSS, and the floor under it.

usage: bench/memory_floor.py [BUILD_DIR]
"""
import collections
import fcntl
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import time

build = sys.argv[1] if len(sys.argv) > 1 else "build"
topc = os.path.abspath(os.path.join(build, "topc"))
work = tempfile.mkdtemp(prefix="topc-memory-floor-")


def needed(binary):
    out = subprocess.run(["readelf", "-d", binary], capture_output=True, text=True,
                         check=True).stdout
    return [m.group(1) for m in re.finditer(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)
            if not m.group(1).startswith("ld-linux")]


def spawn(argv, env):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.execve(argv[0], argv, env)
    return pid, fd


def drain(fd, quiet):
    """Read until the program has been quiet for `quiet` seconds."""
    end = time.monotonic() + 10
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            return
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def rollup(pid):
    out = {}
    with open("/proc/%d/smaps_rollup" % pid) as f:
        for line in f:
            m = re.match(r"(\w+):\s+(\d+) kB", line)
            if m:
                out[m.group(1)] = int(m.group(2))
    return out


def by_file(pid):
    rss, name = collections.Counter(), None
    with open("/proc/%d/smaps" % pid) as f:
        for line in f:
            m = re.match(r"^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$", line)
            if m:
                name = os.path.basename(m.group(1)) or "[anonymous]"
            elif line.startswith("Rss:"):
                rss[name] += int(line.split()[1])
    return rss


def measure(argv, env, quiet):
    pid, fd = spawn(argv, env)
    drain(fd, quiet)
    m, files = rollup(pid), by_file(pid)
    try:
        os.kill(pid, 9)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)
    return m, files


def line(what, m):
    private = m.get("Private_Clean", 0) + m.get("Private_Dirty", 0)
    print("%-34s RSS %6d KiB  PSS %6d KiB  private %6d KiB" %
          (what, m.get("Rss", 0), m.get("Pss", 0), private))


def main():
    libs = needed(topc)
    src = os.path.join(work, "empty.c")
    with open(src, "w") as f:
        f.write("#include <unistd.h>\n"
                "int main(void) { char c; return read(0, &c, 1) < 0; }\n")
    empty = os.path.join(work, "empty")
    cc = os.environ.get("CC", "cc")
    subprocess.run([cc, "-O2", "-o", empty, src, "-Wl,--no-as-needed"] +
                   ["-l:" + lib for lib in libs], check=True)
    home = os.path.join(work, "home")
    os.makedirs(home)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home,
           "XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state",
           "LANG": "C.UTF-8", "TERM": "xterm-256color"}
    floor, floor_files = measure([empty], env, 0.5)
    console, _ = measure([topc, "console"], env, 1.0)
    print("%d libraries in topc's DT_NEEDED (%s)" % (len(libs), build))
    line("empty program, same libraries", floor)
    line("topc console, first screen", console)
    print("the console's own: RSS %d KiB above the floor" %
          (console.get("Rss", 0) - floor.get("Rss", 0)))
    print("heaviest in the empty program (RSS KiB):",
          ", ".join("%s %d" % (n, k) for n, k in floor_files.most_common(10)))


try:
    main()
finally:
    shutil.rmtree(work, ignore_errors=True)
