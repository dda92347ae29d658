"""app.py registers every page of views/, and no pages/ folder exists.

With a pages/ folder next to app.py, Streamlit 1.67 starts in its legacy multipage mode: until the first
st.navigation call of the process, a deep link either runs pages/<name>.py without app.py or shows a
"Page not found" dialog. Pages therefore live in views/.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_view_is_a_registered_page_and_there_is_no_pages_folder():
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    registered = set(re.findall(r'st\.Page\("views/(\w+)\.py"', app))
    assert registered == {p.stem for p in (ROOT / "views").glob("*.py")}
    assert not (ROOT / "pages").exists()
