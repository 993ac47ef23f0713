# Newsline behind Varnish 7 (Debian: varnish, varnish-modules for xkey). deploy/varnish/run.sh runs it with
# the backend it is given; to deploy it elsewhere, set the backend's host and port below.
vcl 4.1;

import std;
import xkey;

backend default {
    .host = "127.0.0.1";
    .port = "3000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    # While /healthz fails, Varnish serves what it has (grace) and does not wait on a dead backend.
    .probe = {
        .url = "/healthz";
        .interval = 2s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
    }
}

# Who may purge: the seed runs on the same machine. To let other hosts purge, add them here, e.g.
# "10.0.0.0"/8; (and keep this port off the public internet, or put the purge behind a firewall rule).
acl purgers {
    "127.0.0.0"/8;
    "::1";
}

sub vcl_recv {
    # The seed's purge (db/seed/purge.ts): drop every object carrying one of the keys it names.
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the keys in an xkey-purge header"));
        }
        set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.x-purged + " objects"));
    }

    # The site serves GET and HEAD only; anything else never reaches it.
    if (req.method != "GET" && req.method != "HEAD") {
        return (synth(405, "Method Not Allowed"));
    }

    # One object per page whatever a reader brings: the site reads no cookies and no credentials...
    unset req.http.Cookie;
    unset req.http.Authorization;
    # ...and campaign parameters change nothing on a page, in any case, with or without a value. (_rsc, q
    # and page stay: they do.) Parameters are sorted, so their order does not split a page either.
    if (req.url ~ "(?i)[?&](utm_[a-z_]+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid)(=|&|$)") {
        set req.url = regsuball(req.url, "(?i)([?&])(utm_[a-z_]+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid)(=[^&]*)?(?=&|$)", "\1");
        set req.url = regsuball(req.url, "&&+", "&");
        set req.url = regsub(req.url, "\?&", "?");
        set req.url = regsub(req.url, "[?&]$", "");
    }
    set req.url = std.querysort(req.url);

    # No request may change another reader's copy: the site builds absolute URLs from SITE_URL, never from
    # these, and Host is not part of the cache key (vcl_hash).
    unset req.http.X-Forwarded-Host;
    unset req.http.X-Forwarded-Proto;
    unset req.http.X-Forwarded-Port;
    unset req.http.Forwarded;
    unset req.http.X-Original-URL;
    unset req.http.X-Rewrite-URL;

    # Accept-Encoding: one spelling for "takes gzip" and none otherwise, so readers' many spellings make two
    # variants at most (the site sends Vary: Accept-Encoding and compresses for gzip). run.sh turns Varnish's
    # own gzip handling off: unzipping a stored page for every client without gzip costs more than storing both.
    if (req.http.Accept-Encoding ~ "(^|[ ,])gzip($|[ ,;])" && req.http.Accept-Encoding !~ "gzip;\s*q=0(\.0+)?($|[ ,])") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    # Client-side navigation (RSC) payloads and HTML are different bodies for one URL: keep them apart even
    # if a response forgot its Vary (Next sends Vary: rsc, next-router-state-tree, next-router-prefetch, …).
    hash_data("rsc=" + req.http.RSC);
    hash_data("prefetch=" + req.http.Next-Router-Prefetch);
    hash_data("segment=" + req.http.Next-Router-Segment-Prefetch);
    hash_data("tree=" + req.http.Next-Router-State-Tree);
    return (lookup);
}

sub vcl_backend_response {
    # Never keep what the site says not to keep (errors, the 404 page, /healthz), nor anything personal.
    if (beresp.http.Cache-Control ~ "(no-store|private)" || beresp.status >= 400 || beresp.http.Set-Cookie || beresp.http.Vary == "*") {
        set beresp.uncacheable = true;
        set beresp.ttl = 30s;
        return (deliver);
    }
    if (beresp.http.xkey) {
        # Keyed pages are purged the moment a seed changes them (PURGE_URLS): keep them an hour. A seed run
        # without PURGE_URLS shows here within that hour.
        set beresp.ttl = 1h;
    }
    # The last good copy for a day: to readers while the site restarts or is down, and while a page is
    # fetched again in the background.
    set beresp.grace = 24h;
    if (bereq.url ~ "^/news-sitemap\.xml") {
        # Its s-maxage ends when its oldest story turns 48 hours old: a stale copy would list it past that.
        set beresp.grace = 0s;
    }
    return (deliver);
}

sub vcl_backend_error {
    # A fetch in the background that fails keeps the stale copy in use.
    if (bereq.is_bgfetch) {
        return (abandon);
    }
    # A page Varnish does not have while the site is down: the site's own words, not a stack of details.
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    set beresp.http.Retry-After = "30";
    set beresp.ttl = 0s;
    synthetic({"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Temporarily unavailable</title></head><body><main><h1>We’ll be back shortly</h1><p>We cannot load this page right now. Please try again in a minute.</p></main></body></html>"});
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The keys are for purging, not for readers.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    # Browsers get the site's own Cache-Control (max-age=0: they revalidate every time), never more.
}

sub vcl_synth {
    # Short plain answers (purges, 405s), not Varnish's error page.
    set resp.http.X-Cache = "MISS";
    set resp.http.Cache-Control = "no-store";
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    unset resp.http.Retry-After;
    unset resp.http.Server;
    unset resp.http.X-Varnish;
    if (resp.status == 405) {
        set resp.http.Allow = "GET, HEAD";
    }
    if (req.method == "PURGE" && resp.status == 200) {
        set resp.http.X-Purged = req.http.x-purged;
    }
    synthetic(resp.reason + {"
"});
    return (deliver);
}
