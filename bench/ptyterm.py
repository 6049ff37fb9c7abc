"""What the console benchmarks (console_bench.py, huge_answer.py) share: an
80x24 pseudo-terminal to start a program in and read what it draws, and the
profile they send with."""
import fcntl
import os
import pty
import select
import struct
import termios
import time


def spawn(argv, env):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.execve(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd


def drain(fd, quiet=0.03, limit=10.0, first=0.0):
    """Reads until the terminal has been quiet for `quiet` s, waiting up to
    `first` s for its first byte (a key's answer: a redraw slower than
    `quiet` read as no redraw at all, 0 ms and 0 bytes); returns (bytes,
    time of the last byte)."""
    data, last = b"", time.monotonic()
    end = last + limit
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], quiet if data or not first else first)
        if not r:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
        last = time.monotonic()
    return data, last


def wait_for(fd, pattern, limit=20.0):
    """The time pattern appeared on the terminal."""
    data, end = b"", time.monotonic() + limit
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                data += os.read(fd, 1 << 20)
            except OSError:
                break
            if pattern in data:
                return time.monotonic()
    raise SystemExit("timed out waiting for %r; the terminal got: %r" % (pattern, data[-600:]))


def bench_profile(home, port, max_body):
    """The profile "bench" in home's config, sending to the local gateway on
    port and taking answers up to max_body bytes."""
    os.makedirs(home + "/config/topc/profiles", exist_ok=True)
    prof = home + "/config/topc/profiles/bench.conf"
    with open(prof, "w") as f:
        f.write('gateway = "http://127.0.0.1:%d/router/rest";\napp_key = "10000001";\n'
                'secret = "topc-local-demo-secret";\nmax_body = %d;\ntimeout = 60;\n'
                % (port, max_body))
    os.chmod(prof, 0o600)
