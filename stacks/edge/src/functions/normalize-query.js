// CloudFront Function (runtime cloudfront-js-2.0, viewer-request) for cacheable API routes.
//
// It rewrites the query string so that requests which mean the same thing share one cache key:
// keys are lower-cased, only the route's allow-listed keys are kept (tracking parameters such as
// utm_* go), empty values are dropped and keys are sorted. Values are kept as sent, in order.
//
// ALLOWED_KEYS is not defined here: the edge stack prepends one line,
//   var ALLOWED_KEYS = ["page","sort"];
// generated from the route's validated, lower-case query keys (src/query-function.ts), so each
// distinct key set gets its own function and no lookup happens per request.
//
// Written for the CloudFront runtime, not Node: var/function/for loops and ES5 built-ins only.

function handler(event) {
  var request = event.request;
  request.querystring = normalizeQuery(request.querystring || {}, ALLOWED_KEYS);
  return request;
}

function normalizeQuery(querystring, allowed) {
  var kept = {};
  var names = Object.keys(querystring);
  for (var i = 0; i < names.length; i++) {
    var key = names[i].toLowerCase();
    if (allowed.indexOf(key) === -1) continue;
    var entry = querystring[names[i]];
    var values = entry.multiValue ? entry.multiValue : [entry];
    for (var j = 0; j < values.length; j++) {
      var value = values[j].value;
      if (typeof value !== "string" || value === "") continue;
      if (!kept[key]) kept[key] = [];
      kept[key].push(value);
    }
  }
  var result = {};
  var keys = Object.keys(kept).sort();
  for (var k = 0; k < keys.length; k++) {
    result[keys[k]] = toEntry(kept[keys[k]]);
  }
  return result;
}

function toEntry(list) {
  if (list.length === 1) return { value: list[0] };
  var multi = [];
  for (var i = 0; i < list.length; i++) multi.push({ value: list[i] });
  return { value: list[0], multiValue: multi };
}
