"""Questions answered, not just matched: a question in English or Dutch becomes a SPARQL query from a
catalogue of parameterised templates (``templates.ttl``), its slots filled by the resolver; the answer
is a table with its sources and the query that produced it."""
