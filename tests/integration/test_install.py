"""The installed topc works on its own (issue 14): installed into a temporary
prefix, the tree copied elsewhere so neither the build folder nor the sources
are within reach, and run from /.  Its man page renders, each shell's
completion loads and completes a method and a field path, and the binary
links its libraries normally.

usage: test_install.py PATH-TO-BUILD-TOPC BUILD-DIR
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from harness import Suite, expect

BUILD_DIR = os.path.abspath(sys.argv.pop(2)) if len(sys.argv) > 2 else None
SOURCE_FORMS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "forms")
suite = Suite()
# No TOPC_DATADIR: the installed topc must find its own data.
suite.env.pop("TOPC_DATADIR", None)
TREE = os.path.join(suite.home, "installed")  # removed with the suite's home
state = {}


def shipped_methods():
    """The methods of the checkout's forms, read with Python, not topc."""
    methods = set()
    for name in os.listdir(SOURCE_FORMS):
        if name.endswith(".conf"):
            with open(os.path.join(SOURCE_FORMS, name), encoding="utf-8") as f:
                m = re.search(r'^method\s*=\s*"([^"]+)"', f.read(), re.M)
            methods.add(m.group(1) if m else name[:-5])
    return methods


def installed(*args, cwd="/", env=None, stdin=None):
    e = dict(suite.env, PATH=os.path.join(TREE, "bin") + ":/usr/bin:/bin", **(env or {}))
    p = subprocess.run([os.path.join(TREE, "bin", "topc")] + list(args), cwd=cwd, env=e,
                       capture_output=True, text=True, timeout=60, input=stdin)
    suite.outputs.append((" ".join(args), p.stdout + p.stderr))
    return p


def shell(argv, script, env=None):
    expect(shutil.which(argv[0]), "%s is not installed; scripts/deps.sh installs it" % argv[0])
    e = dict(suite.env, PATH=os.path.join(TREE, "bin") + ":/usr/bin:/bin", **(env or {}))
    return subprocess.run(argv + [script], cwd="/", env=e, capture_output=True, text=True,
                          timeout=60)


def bash_completes(*lines):
    """The installed bash completion run on each command line: the bash
    process, its stdout one line of COMPREPLY per command line."""
    script = os.path.join(TREE, "share", "bash-completion", "completions", "topc")
    t = ('source %s\n'
         't() { COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _topc; echo "${COMPREPLY[*]}"; }\n'
         % script) + "".join('t "%s"\n' % line for line in lines)
    return shell(["bash", "-c"], t)


@suite.test
def install_into_a_prefix_and_move_it():
    expect(BUILD_DIR is not None, "the build folder is given")
    dest = tempfile.mkdtemp(prefix="topc-destdir-")
    p = subprocess.run(["meson", "install", "--no-rebuild", "--quiet", "-C", BUILD_DIR,
                        "--destdir", dest], capture_output=True, text=True, timeout=300)
    expect(p.returncode == 0, "meson install: %s%s" % (p.stdout, p.stderr))
    prefixes = [os.path.join(root) for root, dirs, files in os.walk(dest) if "bin" in dirs]
    expect(len(prefixes) == 1, "one prefix with bin/: %r" % prefixes)
    shutil.copytree(prefixes[0], TREE, symlinks=True)
    shutil.rmtree(dest)
    files = {os.path.relpath(os.path.join(r, n), TREE) for r, _, ns in os.walk(TREE) for n in ns}
    for want in ["bin/topc", "share/topc/profiles/local.conf", "share/man/man1/topc.1",
                 "share/bash-completion/completions/topc", "share/zsh/site-functions/_topc",
                 "share/fish/vendor_completions.d/topc.fish"]:
        expect(want in files, "%s installed: %s" % (want, sorted(files)))
    expect("topc-datadir" not in " ".join(files), "the build folder's marker is not installed")
    shipped = {f for f in files if f.startswith("share/topc/forms/")}
    expect(len(shipped) == 4, "4 forms installed: %r" % shipped)


@suite.test
def installed_topc_lists_the_four_forms_from_slash():
    p = installed("forms", "list", "--json")
    expect(p.returncode == 0, "forms list --json: %s" % p.stderr)
    forms = json.loads(p.stdout)
    expect({f["method"] for f in forms} == shipped_methods(), "the shipped methods: %r" % forms)
    expect(all(f["path"].startswith(TREE + "/share/topc/forms/") for f in forms),
           "read from the moved tree: %r" % [f["path"] for f in forms])
    p = installed("forms", "list")
    expect(p.returncode == 0 and len(p.stdout.splitlines()) == 5, "4 rows and a header: %s" % p.stdout)


@suite.test
def installed_topc_sends_to_the_builtin_gateway():
    p = installed("send", "taobao.tpn.template.message.send", "-s", "template_key=k",
                  "-s", "template_id=101", "-s", "user_id=1", "-s", "biz_id=2")
    expect(p.returncode == 0, "send exit 0: %s %s" % (p.stdout, p.stderr))
    body = json.loads(p.stdout)
    expect("tpn_template_message_send_response" in body, "the API's answer: %s" % p.stdout)
    expect(p.stderr.startswith("success  taobao.tpn.template.message.send"), p.stderr)


@suite.test
def version_verbose_says_where_it_looked():
    p = installed("version", "--verbose")
    expect(p.returncode == 0, p.stderr)
    used = [l for l in p.stdout.splitlines() if "<- used" in l]
    expect(len(used) == 1 and "beside the binary" in used[0] and TREE + "/share/topc" in used[0],
           "the datadir beside the binary: %s" % p.stdout)


@suite.test
def a_missing_data_folder_is_an_error():
    broken = tempfile.mkdtemp(prefix="topc-broken-")
    os.makedirs(os.path.join(broken, "bin"))
    shutil.copy(os.path.join(TREE, "bin", "topc"), os.path.join(broken, "bin", "topc"))
    p = subprocess.run([os.path.join(broken, "bin", "topc"), "forms", "list"], cwd="/",
                       env=suite.env, capture_output=True, text=True, timeout=60)
    shutil.rmtree(broken)
    expect(p.returncode != 0 and "data folder" in p.stderr and "TOPC_DATADIR" in p.stderr,
           "a clear error, not 'no forms': %d %s %s" % (p.returncode, p.stdout, p.stderr))


@suite.test
def the_build_folders_topc_finds_the_checkout():
    p = subprocess.run([suite.topc, "forms", "list", "--json"], cwd="/", env=suite.env,
                       capture_output=True, text=True, timeout=60)
    expect(p.returncode == 0 and len(json.loads(p.stdout)) == 4, "build/topc from /: %s" % p.stderr)


@suite.test
def readelf_lists_the_linked_libraries():
    p = subprocess.run(["readelf", "-d", os.path.join(TREE, "bin", "topc")], capture_output=True,
                       text=True, timeout=60)
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", p.stdout)
    for lib in ["libcurl", "libxml2", "libmicrohttpd"]:
        expect(any(n.startswith(lib + ".so") or n.startswith(lib + "-") for n in needed),
               "%s in DT_NEEDED: %r" % (lib, needed))


@suite.test
def man_page_renders():
    page = os.path.join(TREE, "share", "man", "man1", "topc.1")
    p = subprocess.run(["man", "-l", page], env=dict(suite.env, MANPAGER="cat", PAGER="cat",
                                                       MANWIDTH="80"),
                       capture_output=True, text=True, timeout=60)
    expect(p.returncode == 0 and not p.stderr.strip(), "man -l: %s" % p.stderr)
    # plain groff too, warnings on and no preconv: the page is clean roff
    g = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", page], capture_output=True,
                       text=True, timeout=60)
    expect(g.returncode == 0 and not g.stderr.strip(), "groff -ww: %s" % g.stderr)
    for section in ["NAME", "SYNOPSIS", "COMMANDS", "EXIT STATUS", "ENVIRONMENT", "FILES",
                    "EXAMPLES"]:
        expect(re.search(r"^%s$" % section, p.stdout, re.M), "section %s:\n%s" % (section, p.stdout[:2000]))
    # every command and every option of --help is in the page
    overview = installed("--help").stdout
    commands = re.findall(r"^  ([a-z-]+) ", overview, re.M)
    expect(len(commands) >= 10, "commands in --help: %r" % commands)
    for c in commands:
        expect("topc " + c in p.stdout, "man page has topc %s" % c)
        help_text = installed("help", c).stdout
        for opt in re.findall(r"^  (?:-\w, )?\s*(--[a-z-]+)", help_text, re.M):
            expect(opt in p.stdout.replace("\u2010", "-"), "man page has %s of %s" % (opt, c))


def completes(words, out):
    return set(out.split())


@suite.test
def bash_completes_a_method_and_a_field_path():
    script = os.path.join(TREE, "share", "bash-completion", "completions", "topc")
    p = bash_completes("topc send taobao.tpn",
                       "topc send taobao.jym.message.apppush.send -s push_content_dto.ti",
                       "topc send -p loc", "topc fo")
    lines = p.stdout.splitlines()
    expect(p.returncode == 0 and len(lines) == 4, "bash ran: %s %s" % (p.stdout, p.stderr))
    expect(lines[0] == "taobao.tpn.template.message.send", "method: %r" % lines[0])
    expect(lines[1] == "push_content_dto.title=", "field path: %r" % lines[1])
    expect(lines[2] == "local", "profile: %r" % lines[2])
    expect(lines[3] == "forms", "command: %r" % lines[3])
    # with bash-completion itself, as a login shell on Debian loads it
    bc = "/usr/share/bash-completion/bash_completion"
    if os.path.exists(bc):
        p = shell(["bash", "-c"], "source %s; source %s; complete -p topc" % (bc, script))
        expect(p.returncode == 0 and "_topc" in p.stdout, "registered: %s %s" % (p.stdout, p.stderr))


@suite.test
def zsh_completes_a_method_and_a_field_path():
    fdir = os.path.join(TREE, "share", "zsh", "site-functions")
    # the real completion system finds _topc on fpath and binds it to topc
    p = shell(["zsh", "-f", "-c"], "fpath=(%s $fpath); autoload -U compinit; "
              "compinit -u -d %s/zcompdump; print -r -- $_comps[topc]" % (fdir, suite.home))
    expect(p.returncode == 0 and p.stdout.strip() == "_topc", "compinit binds _topc: %r %s" % (p.stdout, p.stderr))
    # then a real interactive zsh, typing TAB in a pseudo-terminal (zpty)
    t = ("zmodload zsh/zpty\n"
         "zpty z 'zsh -f -i'\n"
         "zpty -w z 'PS1=\"P> \"; fpath=(%s $fpath); autoload -U compinit; "
         "compinit -u -d %s/zcompdump2; setopt nobeep'\n"
         "for line in 'topc send taobao.tp' "
         "'topc send taobao.jym.message.apppush.send -s push_content_dto.ti'; do\n"
         "  zpty -w -n z \"$line\"$'\\t'; sleep 1\n"
         "  zpty -w -n z $'\\x01print -r -- COMPLETED \\x05\\n'; sleep 0.5\n"
         "done\n"
         "zpty -w z exit; sleep 0.5\n"
         "while zpty -r -t z line; do print -rn -- \"$line\"; done\n" % (fdir, suite.home))
    p = shell(["zsh", "-f", "-c"], t)
    done = [l.strip() for l in p.stdout.replace("\r", "").splitlines() if l.startswith("COMPLETED ")]
    expect(done == ["COMPLETED topc send taobao.tpn.template.message.send",
                    "COMPLETED topc send taobao.jym.message.apppush.send -s push_content_dto.title="],
           "TAB in zsh completed the method and the field: %r %s" % (done, p.stderr))


@suite.test
def fish_completes_a_method_and_a_field_path():
    script = os.path.join(TREE, "share", "fish", "vendor_completions.d", "topc.fish")
    t = ("source %s; complete -C 'topc send taobao.tpn'; echo ---; "
         "complete -C 'topc send taobao.jym.message.apppush.send -s push_content_dto.ti'" % script)
    p = shell(["fish", "-N", "-c"], t, env={"XDG_CONFIG_HOME": suite.home, "XDG_DATA_HOME": suite.home})
    method, _, field = p.stdout.partition("---\n")
    expect([l.split("\t")[0] for l in method.splitlines()] == ["taobao.tpn.template.message.send"],
           "method: %r %s" % (p.stdout, p.stderr))
    expect([l.split("\t")[0] for l in field.splitlines()] == ["push_content_dto.title="],
           "field: %r %s" % (p.stdout, p.stderr))


@suite.test
def completion_knows_templates_and_history_ids():
    p = installed("templates", "save", "nightly", "taobao.tpn.template.message.send",
                  "-s", "template_key=k")
    expect(p.returncode == 0, p.stderr)
    installed("send", "taobao.tpn.template.message.send", "-s", "template_key=k",
              "-s", "template_id=101", "-s", "user_id=1", "-s", "biz_id=2")
    ids = json.loads(installed("history", "list", "--json").stdout.splitlines()[0])["id"]
    lines = bash_completes("topc send -t nig", "topc history show ").stdout.splitlines()
    expect(lines[0] == "nightly", "template name: %r" % lines)
    expect(str(ids) in lines[1].split(), "history id %s: %r" % (ids, lines))


@suite.test
def field_paths_follow_the_templates_method():
    # send -t NAME without a METHOD: -s completes the template's method's
    # fields (it completed nothing); a METHOD on the line still wins
    p = installed("templates", "save", "jympush", "taobao.jym.message.apppush.send",
                  "-s", "user_id=1")
    expect(p.returncode == 0, p.stderr)
    lines = bash_completes("topc send -t jympush -s push_content_dto.ti",
                           "topc send --template=jympush -s push_content_dto.ti",
                           "topc send -p local -t jympush -s push_content_dto.ti",
                           "topc send taobao.tpn.template.message.send -t jympush -s "
                           "push_content_dto.ti",
                           "topc send -t nosuch -s push_content_dto.ti").stdout.split("\n")
    expect(lines[:5] == ["push_content_dto.title="] * 3 + ["", ""],
           "bash: the template's fields, the METHOD's when given: %r" % lines)
    fish = os.path.join(TREE, "share", "fish", "vendor_completions.d", "topc.fish")
    # topc reads the template from the suite's XDG_CONFIG_HOME: keep it
    p = shell(["fish", "-N", "-c"], "source %s; complete -C 'topc send -t jympush -s push_content_dto.ti'"
              % fish, env={"XDG_DATA_HOME": suite.home})
    expect([l.split("\t")[0] for l in p.stdout.splitlines()] == ["push_content_dto.title="],
           "fish: the template's fields: %r %s" % (p.stdout, p.stderr))


suite.main()
