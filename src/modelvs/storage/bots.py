"""Known bots, by User-Agent, so crawlers do not decide which comparisons are "popular".

This only catches clients that say what they are; it is a counting filter, not a defence.
Matching is a case-insensitive substring test against the tokens below.

Decisions:
- A missing or blank User-Agent is a bot: every browser sends one.
- HeadlessChrome is a bot. No reader's browser sends it; scrapers and our own browser tests
  do, and test runs must not inflate the counts (a browser test that needs a view counted
  sets an ordinary User-Agent).
- Link-preview fetchers (Slack, Twitter, WhatsApp, ...) are bots: a shared link is not a read.
"""

from __future__ import annotations

# Named crawlers: search engines, SEO tools, AI crawlers and link-preview fetchers.
CRAWLERS = (
    "googlebot",
    "google-inspectiontool",
    "adsbot-google",
    "mediapartners-google",
    "storebot-google",
    "bingbot",
    "bingpreview",
    "duckduckbot",
    "baiduspider",
    "yandexbot",
    "applebot",
    "petalbot",
    "amazonbot",
    "facebookexternalhit",
    "meta-externalagent",
    "twitterbot",
    "slackbot",
    "slack-imgproxy",
    "linkedinbot",
    "discordbot",
    "telegrambot",
    "whatsapp",
    "ahrefsbot",
    "semrushbot",
    "mj12bot",
    "dotbot",
    "gptbot",
    "chatgpt-user",
    "oai-searchbot",
    "claudebot",
    "claude-web",
    "anthropic-ai",
    "ccbot",
    "perplexitybot",
    "perplexity-user",
    "bytespider",
    "chrome-lighthouse",
    "headlesschrome",
)

# HTTP libraries and command-line tools (with the slash that precedes their version).
CLIENTS = (
    "curl/",
    "wget/",
    "python-requests/",
    "python-httpx/",
    "python-urllib/",
    "aiohttp/",
    "go-http-client/",
    "java/",
    "okhttp/",
    "libwww-perl/",
    "scrapy/",
    "node-fetch",
    "axios/",
    "postmanruntime/",
)

# Conventions honest unlisted crawlers follow: a "bot/"-style name or a "+http" info URL.
GENERIC = ("bot/", "crawler", "spider", "+http")

_TOKENS = CRAWLERS + CLIENTS + GENERIC


def is_bot(user_agent: str | None) -> bool:
    """True for a known bot or automated client, and for a missing or blank User-Agent."""
    if user_agent is None or not user_agent.strip():
        return True
    ua = user_agent.lower()
    return any(token in ua for token in _TOKENS)
