# Checks an ATT&CK Navigator layer file against the layer format 4.5
# (../shared/data/navigator/layerformat.md): the required properties and the
# type of every property the format defines, for a layer, its techniques and
# their objects. Prints "ok", or one line per problem.
#   jq -r -f navigator-layer.jq FILE                 the types of any layer
#   jq -r --arg strict 1 -f navigator-layer.jq FILE  and the 4.5 values too
# A file may hold one layer or a list of layers.

def typed($where; $key; $want):
  if has($key) and (.[$key] | type) != $want
  then "\($where).\($key): \($want) expected, \(.[$key] | type) found" else empty end;

def required($where; $key; $want):
  if has($key) | not then "\($where).\($key): required" else typed($where; $key; $want) end;

def entries($where; $fields):
  if type != "array" then empty else
    to_entries[] | .key as $i | .value as $e | "\($where)[\($i)]" as $w |
    if ($e | type) != "object" then "\($w): object expected"
    elif ($e | has("divider")) then $e | required($w; "divider"; "boolean")
    else $e | ($fields[] as $f | required($w; $f; "string")) end
  end;

def technique($w):
  if type != "object" then "\($w): object expected" else
    required($w; "techniqueID"; "string"),
    (if (.techniqueID | type) == "string" and
        (.techniqueID | test("^T[0-9]{4}(\\.[0-9]{3})?$") | not)
     then "\($w).techniqueID: \(.techniqueID) is not T#### or T####.###" else empty end),
    typed($w; "tactic"; "string"), typed($w; "comment"; "string"),
    typed($w; "enabled"; "boolean"), typed($w; "score"; "number"),
    typed($w; "color"; "string"), typed($w; "showSubtechniques"; "boolean"),
    typed($w; "metadata"; "array"), typed($w; "links"; "array"),
    (.metadata | entries("\($w).metadata"; ["name", "value"])),
    (.links | entries("\($w).links"; ["label", "url"]))
  end;

def semver: split(".") | map(tonumber? // 0);

def layer($w):
  if type != "object" then "\($w): object expected" else
    .domain as $d | ($ARGS.named.strict // "") as $strict |
    required($w; "name"; "string"), required($w; "domain"; "string"),
    typed($w; "versions"; "object"), typed($w; "description"; "string"),
    typed($w; "customDataURL"; "string"), typed($w; "filters"; "object"),
    typed($w; "sorting"; "number"), typed($w; "layout"; "object"),
    typed($w; "hideDisabled"; "boolean"), typed($w; "techniques"; "array"),
    typed($w; "gradient"; "object"), typed($w; "legendItems"; "array"),
    typed($w; "showTacticRowBackground"; "boolean"),
    typed($w; "tacticRowBackground"; "string"),
    typed($w; "selectTechniquesAcrossTactics"; "boolean"),
    typed($w; "selectSubtechniquesWithParent"; "boolean"),
    typed($w; "selectVisibleTechniques"; "boolean"),
    typed($w; "metadata"; "array"), typed($w; "links"; "array"),
    (if (.sorting | type) == "number" and (.sorting | IN(0, 1, 2, 3) | not)
     then "\($w).sorting: 0, 1, 2 or 3 expected" else empty end),
    (if (.versions | type) == "object" then .versions |
       required("\($w).versions"; "layer"; "string"),
       required("\($w).versions"; "navigator"; "string"),
       typed("\($w).versions"; "attack"; "string") else empty end),
    (if (.filters | type) == "object" then .filters | typed("\($w).filters"; "platforms"; "array"),
       (if (.platforms | type) == "array" and any(.platforms[]; type != "string")
        then "\($w).filters.platforms: strings expected" else empty end) else empty end),
    (if (.layout | type) == "object" then .layout | "\($w).layout" as $l |
       typed($l; "layout"; "string"), typed($l; "showID"; "boolean"),
       typed($l; "showName"; "boolean"), typed($l; "showAggregateScores"; "boolean"),
       typed($l; "countUnscored"; "boolean"), typed($l; "aggregateFunction"; "string"),
       typed($l; "expandedSubtechniques"; "string") else empty end),
    (if (.gradient | type) == "object" then .gradient | "\($w).gradient" as $g |
       required($g; "colors"; "array"), required($g; "minValue"; "number"),
       required($g; "maxValue"; "number"),
       (if (.colors | type) == "array" and
           ((.colors | length) < 2 or any(.colors[]; type != "string"))
        then "\($g).colors: two or more strings expected" else empty end),
       (if (.minValue | type) == "number" and (.maxValue | type) == "number" and
           .maxValue <= .minValue
        then "\($g).maxValue: must be greater than minValue" else empty end)
     else empty end),
    (.legendItems | entries("\($w).legendItems"; ["label", "color"])),
    (.metadata | entries("\($w).metadata"; ["name", "value"])),
    (.links | entries("\($w).links"; ["label", "url"])),
    (if (.techniques | type) == "array"
     then .techniques | to_entries[] | .key as $i | .value | technique("\($w).techniques[\($i)]")
     else empty end),
    # the values format 4.5 fixes
    (if $strict != "" then
       (if has("versions") | not then "\($w).versions: required by format 4.5" else empty end),
       (if has("versions") and .versions.layer != "4.5"
        then "\($w).versions.layer: \"4.5\" expected, \(.versions.layer | tojson) found"
        else empty end),
       (if (.versions.navigator | type) == "string" and
           (.versions.navigator | semver) < ("4.9.0" | semver)
        then "\($w).versions.navigator: at least 4.9.0 expected, \(.versions.navigator) found"
        else empty end),
       (if $d | IN("enterprise-attack", "mobile-attack", "ics-attack") | not
        then "\($w).domain: \($d | tojson) is not a domain of format 4.5" else empty end),
       (if (.techniques | type) == "array" then
          .techniques[] | select(type == "object" and .showSubtechniques == true and
                                 ((.techniqueID // "") | contains(".")))
          | "\($w): showSubtechniques true on sub-technique \(.techniqueID)"
        else empty end)
     else empty end)
  end;

[if type == "array" then to_entries[] | .key as $k | .value | layer("layer[\($k)]")
 else layer("layer") end]
| if length == 0 then "ok" else .[] end
