"""Build ``cameo.tsv`` (every CAMEO code: name, PLOVER type/mode/contexts, QuadClass, Goldstein).

Run: ``python -m eventwire.ontology.build_cameo ../shared/ontology`` (the reference tables
beside the project). The output is reviewed and committed; the package never reads ../shared.

Sources (see ../shared/ontology/README.md):
- CAMEO2PLOVER-2021.txt — Open Event Data Alliance / PLOVER (manual draft 0.8), CC BY-SA 4.0;
- CAMEO.goldsteinscale.txt — GDELT's Goldstein weights per CAMEO code.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

# CAMEO roots 01 (public statements) and 02 (appeals) have no row in the PLOVER table.
# Empathetic comments and expressions of accord are verbal support; appeals are requests.
# (The seed's hand-coded gold codes 018 as SUPPORT.)
EXTRA_PLOVER = {"018": ("SUPPORT", "", ""), "019": ("SUPPORT", "", "")}
ROOT_FALLBACK = {"02": ("REQUEST", "", "")}
# Names the PLOVER table does not carry (CAMEO codebook 1.1b3 wording): roots, 01x and 02x.
EXTRA_NAMES = {
    "01": "Make public statement", "02": "Appeal", "03": "Express intent to cooperate", "04": "Consult",
    "05": "Engage in diplomatic cooperation", "06": "Engage in material cooperation", "07": "Provide aid",
    "08": "Yield", "09": "Investigate", "10": "Demand", "11": "Disapprove", "12": "Reject", "13": "Threaten",
    "14": "Protest", "15": "Exhibit force posture", "16": "Reduce relations", "17": "Coerce", "18": "Assault",
    "19": "Fight", "20": "Use unconventional mass violence",
    "010": "Make statement", "011": "Decline comment", "012": "Make pessimistic comment",
    "013": "Make optimistic comment", "014": "Consider policy option", "015": "Acknowledge or claim responsibility",
    "016": "Deny responsibility", "017": "Engage in symbolic act", "018": "Make empathetic comment",
    "019": "Express accord", "020": "Make an appeal or request", "021": "Appeal for material cooperation",
    "022": "Appeal for diplomatic cooperation", "023": "Appeal for aid", "024": "Appeal for political reform",
    "025": "Appeal to yield", "026": "Appeal to others to meet or negotiate",
    "027": "Appeal to others to settle dispute", "028": "Appeal to others to engage in or accept mediation",
}

# QuadClass by CAMEO root as the PLOVER quad table and the ConfliBERT/Phoenix data use it:
# 01-05 verbal cooperation, 06-08 material cooperation, 09-13 and 16 (reduce relations,
# PLOVER SANCTION) verbal conflict, 14-15 and 17-20 material conflict. Coded events take the
# quad of their PLOVER type (ontology/plover.tsv); this column is the CAMEO code's own.
def quad_class(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 or root == 16 else 4


_ROW = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?(?:#\s*(.*))?$")


def main(shared_ontology: str) -> None:
    src = Path(shared_ontology)
    plover: dict[str, tuple[str, str, str]] = {}
    names: dict[str, str] = {}
    roots: dict[str, tuple[str, str, str]] = {}
    for line in (src / "CAMEO2PLOVER-2021.txt").read_text("utf-8").splitlines():
        m = _ROW.match(line.strip())
        if not m:
            continue
        code, ptype, mode, ctx, name = m.groups()
        if len(code) == 2:
            roots.setdefault(code, (ptype, "", ""))  # a root header names its main PLOVER type
            continue
        contexts = ";".join(c.strip() for c in (ctx or "").replace(";", " ").split() if c.strip())
        plover.setdefault(code, (ptype, (mode or "").strip(), contexts))
        names.setdefault(code, (name or "").split("  ")[0].strip())
    rows = []
    for line in (src / "CAMEO.goldsteinscale.txt").read_text("utf-8").splitlines()[1:]:
        if not line.strip():
            continue
        code, weight = line.split("\t")
        mapped = (plover.get(code) or EXTRA_PLOVER.get(code) or ROOT_FALLBACK.get(code[:2])
                  or (roots.get(code) if len(code) == 2 else None))
        ptype, mode, contexts = mapped or ("", "", "")
        rows.append((code, names.get(code) or EXTRA_NAMES.get(code, ""), ptype, mode, contexts, str(quad_class(code)), weight))
    out = Path(__file__).with_name("cameo.tsv")
    header = [
        "# CAMEO event codes with PLOVER type, mode and contexts, QuadClass and Goldstein weight.",
        "# Built by eventwire/ontology/build_cameo.py from CAMEO2PLOVER-2021.txt",
        "# (Open Event Data Alliance / PLOVER, manual draft 0.8; CC BY-SA 4.0: this table keeps",
        "# that licence) and GDELT's CAMEO.goldsteinscale.txt. An empty plover means no PLOVER type.",
        "code\tname\tplover\tmode\tcontexts\tquad\tgoldstein",
    ]
    out.write_text("\n".join(header + ["\t".join(r) for r in rows]) + "\n", "utf-8")
    print(f"wrote {len(rows)} codes to {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/ontology")
