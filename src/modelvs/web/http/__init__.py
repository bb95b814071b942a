"""HTTP plumbing: responses, the response cache and the serving layer, headers, hosts, content
codings, CORS, static assets, the query policy, uploads, and the app's state as handlers read it."""
