"""The console as a person drives it, shared by the tmux tests: the real topc
in a tmux session of its own socket, keys in with send-keys, the screen read
with capture-pane.

A test file makes one Tmux for its socket and one Console per console it
opens, closed when the with block ends (however it ends):

    tmux = Tmux("topc-it-%d" % os.getpid())
    with Console(suite, tmux, env_keys=("TOPC_C_SECRET",), profile="con") as c:
        c.api("taobao.jym.message.apppush.send")

Console passes the suite's HOME, XDG folders, locale, TOPC_DATADIR and PATH
to topc, plus the names in env_keys (the profiles' secret variables); it
waits until `ready` is on screen.

A test file ends with main(suite, tmux, [start]): `-k NAME` after topc's
path runs only the tests whose name holds NAME, after start (the test that
starts the gateways the others share)."""
import re
import subprocess
import sys
import time

BASE_ENV = ("HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "LANG", "LC_ALL", "LANGUAGE",
            "TOPC_DATADIR", "PATH")


class Tmux:
    """One tmux server (its own -L socket), so parallel suites never meet."""

    def __init__(self, socket):
        self.socket = socket

    def __call__(self, *args, check=True):
        return subprocess.run(["tmux", "-L", self.socket] + list(args), capture_output=True,
                              text=True, check=check)

    def kill_server(self):
        self(*("kill-server",), check=False)


class Console:
    def __init__(self, suite, tmux, env_keys=(), width=80, height=24, profile="con", term=None,
                 ready="API", timeout=5, line=40):
        self.suite, self.tmux, self.timeout, self.line = suite, tmux, timeout, line
        env = " ".join("%s='%s'" % (k, v) for k, v in suite.env.items()
                       if k in BASE_ENV or k in env_keys)
        if term:
            env += " TERM=%s" % term
        # a session that outlives each console keeps the tmux server up:
        # otherwise killing the last session ends the server, and a console
        # started the next moment can race its shutdown
        if tmux("has-session", "-t", "keep", check=False).returncode != 0:
            tmux("new-session", "-d", "-s", "keep", "sleep 86400")
        tmux("new-session", "-d", "-s", "c", "-x", str(width), "-y", str(height),
             "env %s %s console -p %s" % (env, suite.topc, profile))
        self.wait(ready)  # "APIs", or "API" in Chinese

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()  # the exception, if any, goes on

    def keys(self, *keys):
        for k in keys:
            self.tmux("send-keys", "-t", "c", k)
        time.sleep(0.05)

    def type(self, text):
        self.tmux("send-keys", "-t", "c", "-l", text)
        time.sleep(0.05)

    def screen(self):
        out = self.tmux("capture-pane", "-p", "-t", "c", check=False).stdout
        self.suite.outputs.append(("console screen", out))
        return out

    def wait(self, text, timeout=None):
        end = time.monotonic() + (timeout or self.timeout)
        while time.monotonic() < end:
            s = self.screen()
            if (text.search(s) if hasattr(text, "search") else text in s):
                return s
            time.sleep(0.05)
        raise AssertionError("%r not on screen:\n%s" % (text, self.screen()))

    def settled(self, quiet=0.15, timeout=3):
        """The screen once it has stopped changing for `quiet` s: a busy
        machine draws keys late, and a screen read too early still shows the
        field before the last key."""
        end = time.monotonic() + timeout
        last, since = self.screen(), time.monotonic()
        while time.monotonic() < end:
            time.sleep(0.03)
            s = self.screen()
            if s != last:
                last, since = s, time.monotonic()
            elif time.monotonic() - since >= quiet:
                break
        return last

    def select(self, path):
        """Moves the form cursor to the field whose help line names path."""
        self.keys("Home")
        for _ in range(80):
            s = self.settled()
            # the pane border: a line, or x where TERM (vt100) has no line drawing
            if re.search(r"^.{1,%d}[│x]%s  " % (self.line, re.escape(path)), s, re.M):
                return
            self.keys("Down")
        raise AssertionError("no field %s:\n%s" % (path, self.screen()))

    def top(self):
        for _ in range(80):
            self.keys("Up")

    def fill(self, path, value):
        self.select(path)
        self.keys("Enter", "C-u")
        self.type(value)
        self.keys("Enter")

    def api(self, name):
        """Picks an API by typing its name in the APIs pane."""
        self.focus("APIs")
        for _ in range(60):  # the filter emptied (^U does it too)
            self.keys("BSpace")
        self.type(name)
        self.keys("Enter")
        self.wait(re.compile(r"[│x].%s" % re.escape(name)))

    def focus(self, pane):
        """Tab until the pane's title carries the focus mark (»API is the
        APIs pane's in Chinese too)."""
        names = {"APIs": "»API", "history": "»history", "response": "»response", "form": None}
        for _ in range(5):
            s = self.screen()
            if names[pane] and names[pane] in s:
                return
            if pane == "form" and "»" in s and not any(n in s for n in ("»API", "»history", "»response")):
                return
            self.keys("Tab")
        raise AssertionError("cannot focus %s:\n%s" % (pane, self.screen()))

    def pids(self):
        """The processes under the session's pane (topc and its shell)."""
        out = self.tmux("display-message", "-p", "-t", "c", "#{pane_pid}", check=False).stdout
        todo, seen = [int(out)] if out.strip().isdigit() else [], []
        while todo:
            pid = todo.pop()
            seen.append(pid)
            try:
                with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
                    todo += [int(x) for x in f.read().split()]
            except OSError:
                pass
        return seen

    def close(self):
        """Ends the session (a hangup for topc) and waits for topc to be gone:
        on a hangup it still writes its drafts and history on the way out."""
        pids = self.pids()
        self.tmux("kill-session", "-t", "c", check=False)
        end = time.monotonic() + 10
        for pid in pids:
            while time.monotonic() < end:
                try:
                    with open("/proc/%d/stat" % pid) as f:
                        if f.read().rsplit(")", 1)[-1].split()[0] in ("Z", "X"):
                            break
                except OSError:
                    break
                time.sleep(0.02)


def main(suite, tmux, first=()):
    """Runs the suite's tests (with -k NAME, those in first then the others
    whose name holds NAME), then ends the tmux server."""
    if "-k" in sys.argv[2:]:
        pick = sys.argv[sys.argv.index("-k") + 1]
        suite.tests = list(first) + [t for t in suite.tests if pick in t.__name__ and t not in first]
    try:
        suite.main()
    finally:
        tmux.kill_server()
