"""The built-in stages; importing this package registers them."""
from eventwire.registry import function_stage
from eventwire.stages import actors, events, nlp, normalize, quotes  # noqa: F401  (register)
from eventwire.stages.places import resolve_places
from eventwire.stages.timex import find_timex

function_stage("timex", requires={"sentences", "published"}, assigns={"timex"})(find_timex)
function_stage("places", requires={"entities", "dateline", "parses"}, assigns={"places"})(resolve_places)
