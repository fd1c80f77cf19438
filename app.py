"""The Slack CLI's entry point: `slack run` starts this file (slack-cli-hooks' start hook runs app.py).

The CLI puts SLACK_BOT_TOKEN and SLACK_APP_TOKEN in the environment and expects the app to open its own Socket
Mode connection, which is what `codedesk serve` does; everything else (.env, settings, the jobs) is as usual.
"""

from bot.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["serve"]))
