"""What the browser tests share: axe-core runs, keyboard moves and what has the focus."""

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 900}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map((n) => n.target.join(" ")),
    summaries: v.nodes.map((n) => n.failureSummary),
  }));
}"""


def run_axe(page) -> list[dict]:
    """The WCAG 2.1 A and AA violations axe-core finds on the page as it is now."""
    return page.evaluate(_RUN_AXE, WCAG_TAGS)


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for target, summary in zip(violation["targets"], violation["summaries"], strict=True):
            lines.append(f"    {target}: {' '.join((summary or '').split())}")
    return "\n".join(lines)


# What has the focus, described as a person would: its role and accessible name.
_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const label = (node) => (node ? node.textContent.replace(/\\s+/g, " ").trim() : "");
  let name = el.getAttribute("aria-label") || "";
  if (!name && el.labels && el.labels.length) name = label(el.labels[0]);
  if (!name) name = label(el);
  const tag = el.tagName.toLowerCase();
  const type = el.getAttribute("type") || "";
  let group = "";
  const fieldset = el.closest("fieldset");
  if (fieldset && fieldset.querySelector("legend")) group = label(fieldset.querySelector("legend"));
  return {tag, type, name, group, id: el.id};
}"""

# The outline that shows the focus: the element's own, or its label's for the rating sheet's
# radios, which are visually hidden behind their labels.
_FOCUS_RING = """() => {
  const el = document.activeElement;
  const shown = el.type === "radio" && el.labels && el.labels.length ? el.labels[0] : el;
  const style = getComputedStyle(shown);
  return {style: style.outlineStyle, width: style.outlineWidth, color: style.outlineColor};
}"""


def focused(page) -> dict | None:
    return page.evaluate(_FOCUSED)


def focus_ring(page) -> dict:
    return page.evaluate(_FOCUS_RING)


def has_focus(locator) -> bool:
    return locator.evaluate("(el) => el === document.activeElement")


def tab_to(page, locator, *, limit: int = 80) -> int:
    """Press Tab until the locator's element has the focus; return how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if has_focus(locator):
            return presses
    raise AssertionError(f"{limit} presses of Tab never reached {locator}")
