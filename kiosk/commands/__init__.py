"""The commands besides running the exhibit (`kiosk.cli` parses the arguments and calls one).

- `validate.py`  `kiosk validate`: a content folder's problems and what it still lacks
- `new.py`       `kiosk new`: a commented starter folder to fill in
- `schema.py`    `kiosk schema`: the content format as JSON Schema for editors
- `snapshot.py`  `kiosk snapshot`: every screen rendered to PNG, and the screen audit
- `preview.py`   `kiosk preview`: a curator's window that reloads on save
- `prepare.py`   `kiosk prepare`: the picture cache filled ahead of opening
- `hotspots.py`  `kiosk hotspots`: the blason's hotspot editor and its preview sheet
- `doctor.py`    `kiosk doctor`: what an installer checks on the exhibition PC
- `selftest.py`  `kiosk --self-test`: libraries, content and every screen, for the executable
- `settings.py`  `kiosk validate-config` and `kiosk set-pin`: kiosk.yaml

A command that needs Qt imports it through `kiosk.bridge`.
"""
