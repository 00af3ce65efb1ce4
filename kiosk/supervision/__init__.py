"""Supervision: the process that runs the exhibit and starts it again (no Qt here).

- `contract.py`   exit codes, environment variables and heartbeat messages shared with the exhibit
- `policy.py`     what to do when the exhibit ends: restart, wait, fall back (pure, times passed in)
- `supervisor.py` the running supervisor: child process, heartbeat pipe, stop signals
- `crashreports.py` crash reports: the exhibit's fault log and the supervisor's reports
"""
