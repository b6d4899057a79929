"""``feedsim dashboard``: its arguments and what it does (serve the strategy-session page)."""

from __future__ import annotations

import sys

from sim.base.i18n import LANGS


def add_parser(sub) -> None:
    """Add ``feedsim dashboard`` and its options to the subcommands ``sub``."""
    d = sub.add_parser(
        "dashboard",
        help="a what-if web page for strategy sessions",
        description="Serve a page (http://HOST:PORT) with the levers a client asks about (buy "
        "followers, follow-for-follow, giveaway, influencer, posts per week, rhythm, hour, "
        "content mix, replying to comments) and the what-if against the baseline scenario on the "
        "same seeds: followers by origin, real reach per post, Kaushik's four metrics, net euros. "
        "'Save what-if' writes a runnable scenario file and a report under "
        "OUT/dashboard/. Ctrl-C stops the server.",
    )
    d.add_argument(
        "scenario",
        nargs="?",
        help="the baseline scenario file (default: the Instagram preset's small shop)",
    )
    d.add_argument(
        "--seeds", default="0-2", help="seeds per scenario: a count, list or range (default: 0-2)"
    )
    d.add_argument("--days", type=int, help="simulated days (default: the scenario's)")
    d.add_argument("--users", type=int, help="audience size (default: the scenario's)")
    d.add_argument(
        "--lang", choices=LANGS, default="en", help="the page's language at start (it has a switch)"
    )
    d.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: "
        "127.0.0.1, this machine only; any other needs --allow-remote)",
    )
    d.add_argument(
        "--allow-remote",
        action="store_true",
        help="let --host be an address "
        "other machines reach; the page then needs the random access token in the URL "
        "printed at start (anyone with that URL can run simulations and save files "
        "here; the traffic is plain HTTP)",
    )
    d.add_argument("--port", type=int, default=8765, help="port (default: 8765)")
    d.add_argument(
        "--out", default="results", help="root folder for saved what-ifs (default: results)"
    )


def cmd_dashboard(args) -> int:
    """``feedsim dashboard``: check the options and the scenario, then serve the what-if page
    until Ctrl-C; returns the exit code."""
    from sim.base.i18n import Said
    from sim.cli.errors import UserError
    from sim.studies.sweep import parse_seeds

    if args.port < 1 or args.port > 65535:
        fields = {"option": "--port", "low": 1, "high": 65535, "value": args.port}
        raise UserError(Said("{option} must be between {low} and {high}; got {value}", fields))
    from sim.dashboard.guard import is_loopback, new_token

    remote = not is_loopback(args.host)
    if remote and not args.allow_remote:
        raise UserError(
            Said(
                "--host {host} would let other machines reach the dashboard, which runs "
                "simulations and writes files here; add --allow-remote to serve it to them with "
                "an access token, or leave --host out (127.0.0.1, this machine only)",
                {"host": args.host},
            )
        )
    seeds = parse_seeds(args.seeds)
    overrides = {}
    if args.days is not None:
        overrides["days"] = args.days
    if args.users is not None:
        overrides["audience.users"] = args.users
    if args.scenario or overrides:  # check the file (and the sizes) before serving anything
        from sim.scenario import load_scenario, resolve

        sc = load_scenario(args.scenario) if args.scenario else resolve({}, source="default")
        if overrides:
            sc.with_overrides(overrides, source="feedsim dashboard")
    try:
        import solara  # noqa: F401
    except ImportError:
        raise UserError(
            Said("the dashboard needs Solara: pip install 'solara>=1.40'", {})
        ) from None
    from sim.dashboard.server import serve

    token = new_token() if args.allow_remote else None
    if args.allow_remote:
        shown = f"[{args.host}]" if ":" in args.host else args.host
        reach = ", reachable from other machines" if remote else ""
        print(
            f"feedsim dashboard: WARNING: listening on {args.host}{reach}. Anyone with the "
            "URL below can run simulations and save files on this machine, and the traffic "
            "(token included) is not encrypted: use it only on a network you trust.",
            file=sys.stderr,
            flush=True,
        )
        where = " (put this machine's name or address for the host)" if remote else ""
        print(
            f"feedsim dashboard: http://{shown}:{args.port}/?token={token}{where}  "
            "(Ctrl-C stops it)",
            file=sys.stderr,
            flush=True,
        )
    else:
        print(
            f"feedsim dashboard: http://{args.host}:{args.port}  (Ctrl-C stops it)",
            file=sys.stderr,
            flush=True,
        )
    serve(
        args.scenario,
        host=args.host,
        port=args.port,
        seeds=seeds,
        days=args.days,
        users=args.users,
        lang=args.lang,
        out=args.out,
        token=token,
    )
    return 0
