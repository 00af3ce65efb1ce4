"""deploy/ansible/: the fleet playbook and its inventory example.

Ansible's own `--syntax-check` runs in `make ansible-check` (CI: `make test`), with
ansible-core in a venv of its own; here, when that venv (or ansible-playbook on the PATH) is
found, it runs too. What this file always checks: the playbook's shape, that it uses only
modules ansible-core ships, and that each kiosk command it runs is one the kiosk accepts.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from kiosk.cli import build_parser

REPO = Path(__file__).resolve().parents[2]
ANSIBLE = REPO / "deploy" / "ansible"
#: Modules of ansible-core itself (no collection to install on the curators' computer).
BUILTIN = {
    "ansible.builtin.assert",
    "ansible.builtin.command",
    "ansible.builtin.copy",
    "ansible.builtin.debug",
    "ansible.builtin.fail",
    "ansible.builtin.file",
    "ansible.builtin.meta",
    "ansible.builtin.shell",
}
#: Keywords a task may carry besides its module.
TASK_KEYWORDS = {
    "name", "when", "register", "loop", "notify", "tags", "become", "become_user", "environment",
    "changed_when", "failed_when", "until", "retries", "delay", "ignore_errors", "delegate_to", "vars",
    "block", "rescue", "always", "run_once",
}  # fmt: skip


ROLE = ANSIBLE / "roles" / "kiosk"


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def role_tasks() -> list[dict[str, Any]]:
    return tasks_of(load(ROLE / "tasks" / "main.yml"))


def role_handlers() -> list[dict[str, Any]]:
    return tasks_of(load(ROLE / "handlers" / "main.yml"))


def tasks_of(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every task, those inside blocks included (the blocks themselves left out)."""
    found = []
    for task in items:
        if "block" in task:
            found += tasks_of(task["block"]) + tasks_of(task.get("rescue", [])) + tasks_of(task.get("always", []))
        else:
            found.append(task)
    return found


def module_of(task: dict[str, Any]) -> str:
    modules = [key for key in task if key not in TASK_KEYWORDS]
    assert len(modules) == 1, f"task {task.get('name')!r} has {modules}"
    return modules[0]


def test_one_play_over_the_kiosks_with_named_tasks_of_ansible_core_only() -> None:
    (play,) = load(ANSIBLE / "kiosk.yml")
    assert play["hosts"] == "kiosks" and play["become"] is True and play["roles"] == ["kiosk"]
    tasks = role_tasks() + role_handlers()
    assert all(task.get("name") for task in tasks), "every task says what it does"
    assert {module_of(task) for task in tasks} <= BUILTIN
    notified = {task["notify"] for task in tasks if "notify" in task}
    assert notified == {handler["name"] for handler in role_handlers()}


def test_every_setting_has_a_default_the_inventory_can_override() -> None:
    """Role defaults lose to the inventory's variables (a play's `vars:` would win over them)."""
    defaults = load(ROLE / "defaults" / "main.yml")
    used = set()
    for path in (ROLE / "tasks" / "main.yml", ROLE / "handlers" / "main.yml"):
        used |= set(re.findall(r"\b(kiosk_[a-z_]+)\b", path.read_text(encoding="utf-8")))
    registered = {task["register"] for task in role_tasks() if "register" in task}
    assert used - registered <= set(defaults), "a setting without a default"


def test_it_installs_checks_and_reports_as_docs_fleet_says() -> None:
    tasks = role_tasks()
    copied = [task["ansible.builtin.copy"]["dest"] for task in tasks if "ansible.builtin.copy" in task]
    assert any(dest.endswith("/kiosk") for dest in copied), "the executable"
    assert any(dest.endswith("/kiosk.yaml") for dest in copied), "kiosk.yaml"
    assert any(dest.endswith(".kiosk") for dest in copied), "the bundle"
    assert any(dest.endswith("{{ inventory_hostname }}.json") for dest in copied), "the report kept"
    copies = [task["ansible.builtin.copy"] for task in tasks if "ansible.builtin.copy" in task]
    (config,) = [copy for copy in copies if copy["dest"].endswith("/kiosk.yaml")]
    assert "validate-config %s" in config["validate"], "a broken kiosk.yaml never replaces a good one"


def kiosk_commands() -> list[list[str]]:
    """The kiosk's own command lines in the playbook, templates replaced by sample values."""
    samples = {
        "{{ kiosk_home }}": "/opt/base1119-kiosk",
        "{{ kiosk_content }}": "/srv/base1119/content",
        "%s": "/tmp/kiosk.yaml",
    }
    lines = []
    for task in role_tasks():
        text = task.get("ansible.builtin.command")
        if task.get("ansible.builtin.copy", {}).get("validate"):
            text = task["ansible.builtin.copy"]["validate"]
        if not isinstance(text, str) or "{{ kiosk_home }}/kiosk " not in text:
            continue
        for template, value in samples.items():
            text = text.replace(template, value)
        lines.append(shlex.split(text)[1:])
    return lines


def test_every_kiosk_command_it_runs_is_one_the_kiosk_accepts() -> None:
    commands = kiosk_commands()
    assert {argv[0] for argv in commands} == {"validate-config", "unpack", "doctor", "status"}
    parser = build_parser()
    for argv in commands:
        args = parser.parse_args(argv)  # exits (SystemExit) on an option the kiosk does not know
        if args.command in ("doctor", "status"):
            assert args.format == "json"
        if args.command == "unpack":
            assert args.require_signature and args.config is not None


def test_the_inventory_example_names_what_the_playbook_installs() -> None:
    inventory = yaml.safe_load((ANSIBLE / "inventory.example.yml").read_text(encoding="utf-8"))
    kiosks = inventory["kiosks"]
    assert len(kiosks["hosts"]) >= 2
    assert {"kiosk_executable", "kiosk_config", "kiosk_bundle"} <= set(kiosks["vars"])


def ansible_playbook() -> str | None:
    own = REPO / ".venv-ansible" / "bin" / "ansible-playbook"
    return str(own) if own.is_file() else shutil.which("ansible-playbook")


@pytest.mark.skipif(
    ansible_playbook() is None, reason="ansible-core is not installed (`make ansible-check` installs it)"
)
def test_ansible_accepts_the_playbook() -> None:
    command = [str(ansible_playbook()), "--syntax-check", "-i", "inventory.example.yml", "kiosk.yml"]
    done = subprocess.run(command, cwd=ANSIBLE, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
