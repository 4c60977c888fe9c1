#!/usr/bin/env python3
"""Times ways of reading what the logs rollup needs for 1,000 conversations, on a running node.

Usage (see docs/benchmarks.md, "Ingest ... session 6"):
  python3 docs/probes/rollup-queries.py http://127.0.0.1:PORT /path/to/data-dir/node-password [messages-alias]

Prints, per variant, the node's `took` and the wall time per 1,000 conversations (min and median of
five interleaved rounds over the first 5,000 conversations).
"""
import base64, collections, json, sys, time, urllib.request

URL, PASSWORD_FILE = sys.argv[1], sys.argv[2]
INDEX = sys.argv[3] if len(sys.argv) > 3 else 'chatwarden-messages'
AUTH = 'Basic ' + base64.b64encode(('chatwarden:' + open(PASSWORD_FILE).read().strip()).encode()).decode()
UNIONS = {"gptIds": "gptId", "projectIds": "projectId", "tools": "toolName", "dlpDetectors": "dlpDetectors",
          "models": "model", "toolsUsed": "toolsUsed", "clientTypes": "clientType"}
HEADER = ["conversationId", "userId", "userEmail", "conversationTitle", "pinned", "temporary", "createdAt",
          "conversationCreatedAt"]


def search(body):
    request = urllib.request.Request(URL + '/' + INDEX + '/_search', data=json.dumps(body).encode(),
                                     headers={'Content-Type': 'application/json', 'Authorization': AUTH},
                                     method='POST')
    started = time.time()
    answer = json.load(urllib.request.urlopen(request))
    return answer, (time.time() - started) * 1000


def conversation_ids(count):
    ids, after = [], None
    while len(ids) < count:
        composite = {'size': 1000, 'sources': [{'id': {'terms': {'field': 'conversationId'}}}]}
        if after:
            composite['after'] = after
        answer, _ = search({'size': 0, 'aggs': {'t': {'composite': composite}}})
        buckets = answer['aggregations']['t']['buckets']
        if not buckets:
            break
        ids += [b['key']['id'] for b in buckets]
        after = answer['aggregations']['t'].get('after_key')
    return ids


def metrics(ids, top_hits, unions_inside):
    per = {'first': {'min': {'field': 'createdAt'}}, 'stamped': {'min': {'field': 'conversationLastActiveAt'}},
           'stamps': {'value_count': {'field': 'conversationLastActiveAt'}},
           'files': {'value_count': {'field': 'files.id'}}}
    if top_hits:
        per['newest'] = {'top_hits': {'size': 1, 'sort': [{'createdAt': 'desc'}], '_source': {'includes': HEADER}}}
    if unions_inside:
        for name, field in UNIONS.items():
            per[name] = {'terms': {'field': field, 'size': 100}}
    aggs = {'conversations': {'terms': {'field': 'conversationId', 'size': len(ids)}, 'aggs': per}}
    if not unions_inside:
        for name, field in UNIONS.items():
            aggs[name] = {'terms': {'field': field, 'size': 10000},
                          'aggs': {'in': {'terms': {'field': 'conversationId', 'size': len(ids)}}}}
    return {'size': 0, 'query': {'terms': {'conversationId': ids}}, 'aggs': aggs}


def collapsed(ids):
    return {'size': len(ids), 'track_total_hits': False, 'query': {'terms': {'conversationId': ids}},
            'collapse': {'field': 'conversationId'}, 'sort': [{'createdAt': 'desc'}], '_source': {'includes': HEADER}}


VARIANTS = {
    'before: unions and top_hits per conversation': [lambda ids: metrics(ids, True, True)],
    'now: unions inverted + collapsed newest': [lambda ids: metrics(ids, False, False), collapsed],
}

ids = conversation_ids(5000)
chunks = [ids[i:i + 1000] for i in range(0, len(ids), 1000)]
figures = collections.defaultdict(list)
for _ in range(5):
    for name, requests in VARIANTS.items():
        took = wall = 0
        for chunk in chunks:
            for request in requests:
                answer, ms = search(request(chunk))
                took += answer['took']
                wall += ms
        figures[name].append((took / len(chunks), wall / len(chunks)))
for name, runs in figures.items():
    tooks, walls = sorted(r[0] for r in runs), sorted(r[1] for r in runs)
    print(f'{name:48s} took per 1,000: min {tooks[0]:6.0f} ms, median {tooks[2]:6.0f} ms;'
          f' wall: min {walls[0]:6.0f} ms, median {walls[2]:6.0f} ms')
