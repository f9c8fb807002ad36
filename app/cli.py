"""Command-line functions: python -m app <command> (demo, template, export, import, print, backup, restore, check)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from app import __version__, cli_reception, cli_summary
from app.errors import KnownError, ValidationError
from app.paths import APP_TITLE, default_database_path
from app.progress import ProgressFn

PRINT_FORMS = {
    "home-visit": "困难职工家庭入户调查表（默认：所有待入户调查的档案）",
    "file-form": "困难职工档案表（默认：所有在办档案）",
    "notice": "公示名单（默认：所有正在公示的档案）",
    "roster": "发放花名册（签领表，A4横向）：--campaign 帮扶活动，或 --ids 救助记录编号",
    "approval": "救助审批表：--ids 救助记录编号，每条一份",
    "sign-in": "培训签到表：--session 培训班编号或名称",
    "worker-card": "劳模档案卡：--worker 劳模编号或身份证号",
    "visit-roster": "劳模慰问签领表（A4横向）：--round 走访批次名称",
    "petition": "信访接待登记表：--id 信访记录编号",
    "closing-report": "办结报告：--petition 信访记录编号，或 --case 法律援助案件编号",
    "legal-stats": "法律援助统计表：--month 月份（如 2025-05），或 --from 和 --to 统计期间",
}
RELIEF_FORMS = frozenset({"roster", "approval"})
EXPORT_KINDS = ("households", "relief", "campaigns", "fund-entries", "training-sessions", "trainees", "placements",
                "referrals", "loans", "pairings", "pairing-aid", "mutual-aid", "mutual-aid-claims",
                "model-workers", "model-worker-events", "model-worker-visits", "health-checks", "subsidy-entries",
                "petitions", "legal-cases")
# Commands that write and so hold the database against a second program; the others only read.
EXCLUSIVE_COMMANDS = frozenset({"demo", "import", "settings", "restore"})
DEMO_HOUSEHOLDS = 878   # app.demo.county.DEFAULT_HOUSEHOLDS (not imported here: the demo code loads only for demo)
log = logging.getLogger("bangfu.cli")


def _add_db(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    parser.add_argument(
        "--db", metavar="PATH", default=None if top else argparse.SUPPRESS,
        help="数据库文件（默认：用户数据文件夹中的 bangfu.sqlite）")
    parser.add_argument(
        "--user", metavar="NAME", default=None if top else argparse.SUPPRESS,
        help="以此账户办理（也可设环境变量 BANGFU_USER）；密码在提示时输入或取自 BANGFU_PASSWORD。"
             "新数据库的第一条命令会把此账户建为管理员")


class _ChineseParser(argparse.ArgumentParser):
    """argparse with Chinese section titles and help option."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"错误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _ChineseParser(
        prog="python -m app", description=f"{APP_TITLE}：不带命令时打开主窗口。")
    parser.add_argument("--version", action="version", version=f"{APP_TITLE} {__version__}",
                        help="显示版本并退出")
    parser.add_argument("--self-test", nargs="?", const="", default=None, metavar="文件夹",
                        help="自检：在临时文件夹中生成演示档案、打印PDF、导出Excel并检查，在屏幕外绘制主窗口，"
                             "通过时显示“自检通过”（不碰用户数据）；给出文件夹时把生成的文件和结果留在那里")
    _add_db(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="命令", title="命令",
                                     parser_class=_ChineseParser)

    demo = commands.add_parser("demo", help="生成演示数据库（一个县的困难职工档案）")
    _add_db(demo)
    demo.add_argument("--households", type=int, default=DEMO_HOUSEHOLDS, metavar="N",
                      help=f"档案户数（默认{DEMO_HOUSEHOLDS}，其中在档650户）")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="随机种子（相同种子生成相同数据）")

    template = commands.add_parser("template", help="生成导入模板（Excel）")
    template.add_argument("kind", choices=EXPORT_KINDS, help="登记簿种类")
    template.add_argument("--out", required=True, metavar="F.xlsx")

    export = commands.add_parser("export", help="导出登记簿（Excel）")
    export.add_argument("kind", choices=EXPORT_KINDS, help="登记簿种类")
    _add_db(export)
    export.add_argument("--out", required=True, metavar="F.xlsx")
    export.add_argument("--full", action="store_true",
                        help="含完整身份信息（向上级报送用；仅管理员，记入操作日志）。默认隐去身份证号、手机号、银行卡号中间位")
    export.add_argument("--masked", action="store_true", help="隐去身份信息（默认即如此）")

    imp = commands.add_parser("import", help="从导入模板导入（全部行校验通过才写入）")
    imp.add_argument("kind", choices=EXPORT_KINDS, help="登记簿种类")
    imp.add_argument("file", metavar="F.xlsx")
    _add_db(imp)
    imp.add_argument("--update", action="store_true",
                     help="已有的记录按本表更新（默认报错）：households 按身份证号更新档案，"
                          "training-sessions、trainees 更新培训班和学员；其他种类只新增")
    imp.add_argument("--map", metavar="MAPPING.json",
                     help="用导入向导保存的列对应文件导入自制表格（xlsx/xls/ods/et/csv，标题行、两行列名均可）")
    imp.add_argument("--dry-run", action="store_true",
                     help="只检查并列出新增、更新、跳过和有错误的行，不写入（未给 --map 时按列名自动对应）")

    print_ = commands.add_parser("print", help="打印表格（PDF，A4）")
    print_.add_argument("form", choices=list(PRINT_FORMS),
                        help="；".join(f"{k}：{v}" for k, v in PRINT_FORMS.items()))
    _add_db(print_)
    print_.add_argument("--out", required=True, metavar="F.pdf",
                        help="PDF文件；roster 和 approval 以 .xlsx 结尾时生成 Excel 版")
    print_.add_argument("--ids", metavar="1,2,3",
                        help="只打印这些档案：档案编号（如 2025-0001）或内部编号，逗号分隔；"
                             "roster 和 approval 为救助记录编号")
    print_.add_argument("--campaign", metavar="ID", help="roster：帮扶活动的编号或名称")
    print_.add_argument("--session", metavar="ID", help="sign-in：培训班的编号或名称")
    print_.add_argument("--worker", metavar="ID", help="worker-card：劳模编号或身份证号")
    print_.add_argument("--round", metavar="名称", help="visit-roster：走访批次名称")
    print_.add_argument("--full-ids", action="store_true",
                        help="roster：印出完整身份证号（仅管理员，记入操作日志）。默认隐去中间位")
    cli_reception.add_options(print_)
    passwd = commands.add_parser("passwd", help="修改当前账户（--user）的密码；新密码取自提示或 BANGFU_NEW_PASSWORD")
    _add_db(passwd)

    cli_summary.add_parsers(commands, _add_db)

    settings_ = commands.add_parser("settings", help="查看或修改本单位设置（不带选项时显示当前设置）")
    _add_db(settings_)
    settings_.add_argument("--office-name", metavar="名称", help="帮扶中心名称（打印在表头）")
    settings_.add_argument("--notice-days", type=int, metavar="N", help="公示天数")
    settings_.add_argument("--idle-lock-minutes", type=int, metavar="N",
                           help="窗口无操作多少分钟后自动锁定（0为不锁定）")
    settings_.add_argument("--poverty-line", metavar="YYYY-MM-DD=金额", action="append",
                           help="自某日起的低保标准（元/人/月），可重复")
    settings_.add_argument("--enable-value", metavar="列表=值", action="append",
                           help="启用可选值，如 category=特困职工（旧档案的困难类别）")
    settings_.add_argument("--disable-value", metavar="列表=值", action="append", help="停用可选值")

    backup = commands.add_parser("backup", help="备份数据库（经校验的完整副本，默认放在数据库旁的 backups 文件夹）")
    _add_db(backup)
    backup.add_argument("--out", metavar="FILE", help="备份到这个文件（例如U盘上），而不是 backups 文件夹")
    backup.add_argument("--list", action="store_true", help="只列出 backups 文件夹中已有的备份")
    restore = commands.add_parser("restore", help="从备份恢复数据库（仅管理员；先自动备份当前数据库）")
    restore.add_argument("file", metavar="FILE", help="备份文件（.sqlite）")
    _add_db(restore)
    check = commands.add_parser("check", help="检查数据库是否完好：完整性、外键、操作日志（不需要登录）")
    _add_db(check)
    return parser


def _parse_ids(text: str | None) -> list[int] | None:
    """Internal ids (12) or file numbers (2025-0001), comma-separated, in the order given."""
    if not text:
        return None
    from app.services.households import household_ids_by_file_no

    parts = [part.strip() for part in text.replace("，", ",").split(",") if part.strip()]
    file_numbers = [part for part in parts if not part.isdigit()]
    found = household_ids_by_file_no(file_numbers) if file_numbers else {}
    unknown = [number for number in file_numbers if number not in found]
    if unknown:
        raise KnownError(f"没有这些档案编号：{'、'.join(unknown)}")
    return [int(part) if part.isdigit() else found[part] for part in parts]


def _open(args: argparse.Namespace) -> Path:
    from app.office import open_office

    return open_office(args.db, exclusive=args.command in EXCLUSIVE_COMMANDS, holder=f"命令 {args.command}")


def _phases() -> ProgressFn:
    """Progress for a terminal: each stage of the work named once on stderr, as it begins."""
    shown: set[str] = set()

    def report(done: int, total: int, message: str = "") -> None:
        if message and message not in shown:
            shown.add(message)
            print(f"{message}…", file=sys.stderr, flush=True)

    return report


def _password(prompt: str) -> str:
    import getpass

    if not sys.stdin.isatty():
        raise KnownError("需要密码：请在终端中运行，或设置环境变量 BANGFU_PASSWORD。")
    return getpass.getpass(prompt)


def _username(args: argparse.Namespace) -> str:
    user = (args.user or os.environ.get("BANGFU_USER") or "").strip()
    if not user:
        raise KnownError("请用 --user 指定办理的账户（或设置环境变量 BANGFU_USER）。")
    return user


def _sign_in(args: argparse.Namespace) -> None:
    """The command acts as an account; the first command on a new database creates it as administrator."""
    from app.services import accounts

    user = _username(args)
    password = os.environ.get("BANGFU_PASSWORD")
    if not accounts.has_accounts():
        if password is None:
            password = _password(f"新数据库：为管理员“{user}”设置密码：")
            if _password("再输入一次：") != password:
                raise KnownError("两次输入的密码不一致。")
        accounts.create_first_admin(user, user, password)
        print(f"已创建管理员账户“{user}”。")
    elif password is None:
        password = _password(f"账户“{user}”的密码：")
    accounts.sign_in(user, password)
    if args.command != "passwd" and accounts.must_change_password():
        raise KnownError(f"账户“{user}”须先修改初始密码：python -m app passwd --user {user}")


def run(args: argparse.Namespace) -> int:
    command = args.command
    if command == "template":
        from app.services import exchange

        path = exchange.write_template(args.kind, Path(args.out))
        print(f"已生成导入模板：{path}")
        return 0
    if command == "check":
        return _check(args)
    if command == "restore":
        return _restore(args)
    if command in cli_summary.NO_DATABASE:
        return cli_summary.run(args)
    db_path = _open(args)
    if command == "demo":
        from app.demo import county, year
        from app.services import accounts

        summary = county.make_demo(households=args.households, seed=args.seed)
        print(f"已生成演示数据库 {db_path}：{summary.describe()}")
        work = year.make_year(seed=args.seed)
        if work is not None:
            print(f"已录入{work.describe()}")
        if accounts.create_demo_accounts():
            print("演示账户：" + "；".join(f"{name}（{role}）密码 {password}"
                                      for name, _display, role, password in accounts.DEMO_ACCOUNTS))
        return 0
    _sign_in(args)
    if command == "export":
        from app.services import exchange

        if args.full and args.masked:
            raise KnownError("--full 与 --masked 不能同时使用。")
        result = exchange.export_register(args.kind, Path(args.out), masked=not args.full)
        print(f"已导出 {result.rows} {result.unit}到 {result.path}")
        return 0
    if command == "import":
        from app.services import exchange

        if args.map or args.dry_run:
            from app.wizard.command import run_import

            return run_import(args.kind, Path(args.file), Path(args.map) if args.map else None,
                              dry_run=args.dry_run, update=args.update, progress=_phases())
        print(f"正在读取 {Path(args.file).name}…", file=sys.stderr, flush=True)
        report = exchange.import_register(args.kind, Path(args.file), update=args.update, progress=_phases())
        log.info("导入 %s：%s", Path(args.file).name, report.describe())
        print(report.describe())
        for warning in report.warnings:
            print(f"提示：{warning}")
        return 0
    if command == "print":
        from app import printing

        if args.form in cli_reception.FORMS or cli_reception.given(args):
            return cli_reception.print_form(args)
        if args.form in RELIEF_FORMS:
            return _print_relief(args)
        if args.form == "sign-in":
            return _print_sign_in(args)
        if args.form in ("worker-card", "visit-roster"):
            return _print_model_worker(args)
        if args.session:
            raise KnownError("--session 只用于 sign-in（培训签到表）。")
        if args.campaign or args.full_ids:
            raise KnownError("--campaign 和 --full-ids 只用于 roster（发放花名册）。")
        printed = printing.print_forms(args.form, Path(args.out), ids=_parse_ids(args.ids))
        print(f"已生成 {printed.path}：{printed.pages} 页")
        for warning in printed.warnings:
            print(f"提示：{warning}", file=sys.stderr)
        return 0
    if command in cli_summary.COMMANDS:
        return cli_summary.run(args)
    if command == "settings":
        return _settings(args)
    if command == "passwd":
        return _passwd()
    if command == "backup":
        return _backup(args)
    raise AssertionError(command)


def _print_relief(args: argparse.Namespace) -> int:
    """发放花名册 or 救助审批表, as a PDF or (--out F.xlsx) a workbook."""
    from app import printing
    from app.services import roster_export
    from app.services.campaigns import list_campaigns

    out = Path(args.out)
    text = (args.ids or "").replace("，", ",")
    if any(not part.strip().isdigit() for part in text.split(",") if part.strip()):
        raise KnownError("--ids 应为救助记录编号（数字），逗号分隔。")
    ids = [int(part) for part in text.split(",") if part.strip()] or None
    campaign = None
    if args.campaign:
        wanted = args.campaign.strip()
        found = [c.id for c in list_campaigns() if str(c.id) == wanted or c.name == wanted]
        if not found:
            raise KnownError(f"没有编号或名称为“{wanted}”的帮扶活动。")
        campaign = found[0]
    excel = out.suffix.lower() == ".xlsx"
    if args.form == "approval":
        if ids is None or campaign is not None or args.full_ids:
            raise KnownError("救助审批表请用 --ids 指定救助记录编号（不用 --campaign、--full-ids）。")
        if excel:
            result = roster_export.export_approval(ids, out)
            print(f"已生成 {result.path}：{result.count} 份")
            return 0
        printed = printing.print_approval(ids, out)
    else:
        if (campaign is None) == (ids is None):
            raise KnownError("发放花名册请用 --campaign 指定帮扶活动，或用 --ids 指定救助记录（二选一）。")
        if excel:
            result = roster_export.export_roster(out, campaign_id=campaign, relief_ids=ids, full_ids=args.full_ids)
            print(f"已生成 {result.path}：{result.count} 人")
            return 0
        printed = printing.print_roster(out, campaign_id=campaign, relief_ids=ids, full_ids=args.full_ids,
                                        progress=_phases())
    print(f"已生成 {printed.path}：{printed.pages} 页")
    for warning in printed.warnings:
        print(f"提示：{warning}", file=sys.stderr)
    return 0


def _print_model_worker(args: argparse.Namespace) -> int:
    """劳模档案卡 (--worker) or 劳模慰问签领表 (--round)."""
    from app import printing
    from app.services.model_workers import find_worker

    if args.form == "worker-card":
        if not (args.worker or "").strip():
            raise KnownError("劳模档案卡请用 --worker 指定劳模（编号或身份证号）。")
        printed = printing.print_worker_card(find_worker(args.worker), Path(args.out))
    else:
        if not (args.round or "").strip():
            raise KnownError("慰问签领表请用 --round 指定走访批次名称。")
        printed = printing.print_visit_roster(args.round, Path(args.out), progress=_phases())
    print(f"已生成 {printed.path}：{printed.pages} 页")
    for warning in printed.warnings:
        print(f"提示：{warning}", file=sys.stderr)
    return 0


def _print_sign_in(args: argparse.Namespace) -> int:
    """培训签到表 of one training session, named by its number or its name."""
    from app import printing
    from app.services import training

    wanted = (args.session or "").strip()
    if not wanted:
        raise KnownError("培训签到表请用 --session 指定培训班（编号或名称）。")
    session_id = int(wanted) if wanted.isdigit() else training.session_by_name(wanted)
    if session_id is None:
        raise KnownError(f"没有名为“{wanted}”的培训班。")
    printed = printing.print_sign_in(session_id, Path(args.out), progress=_phases())
    print(f"已生成 {printed.path}：{printed.pages} 页")
    for warning in printed.warnings:
        print(f"提示：{warning}", file=sys.stderr)
    return 0


def _backup(args: argparse.Namespace) -> int:
    from app.services import backup

    if args.list:
        found = backup.list_backups()
        print(f"共 {len(found)} 个备份（新的在前）：" if found else "还没有备份。")
        for info in found:
            print(f"  {info.describe()}")
        return 0
    info = backup.backup_now(backup.MANUAL, Path(args.out) if args.out else None, progress=_phases())
    print(f"已备份并校验：{info.path}（{backup.megabytes(info.size)}）")
    return 0


def _restore(args: argparse.Namespace) -> int:
    """Restore into a sound database as its administrator; into a damaged or missing one as the backup's."""
    from app.office import open_office
    from app.services import restore
    from app.services.integrity import DatabaseDamaged

    target = Path(args.db) if args.db else default_database_path()
    damaged = not target.exists()
    if not damaged:
        try:
            open_office(target, holder="命令 restore")
        except DatabaseDamaged as exc:
            print(f"数据库已损坏（{exc.problems[0]}），将用备份替换它，损坏的文件改名保留。", file=sys.stderr)
            damaged = True
    if damaged:
        password = os.environ.get("BANGFU_PASSWORD")
        if password is None:
            password = _password("备份中管理员账户的密码：")
        result = restore.replace_damaged(target, Path(args.file), _username(args), password, progress=_phases())
    else:
        _sign_in(args)
        result = restore.restore_backup(Path(args.file), progress=_phases())
    print(result.describe())
    return 0


def _check(args: argparse.Namespace) -> int:
    """Reads only and needs no account: the result reveals nothing about anyone."""
    from app.services import integrity

    report = integrity.check_database(Path(args.db) if args.db else default_database_path())
    print("\n".join(report.lines()))
    return 0 if report.ok else 1


def _passwd() -> int:
    from app.services import accounts

    new = os.environ.get("BANGFU_NEW_PASSWORD")
    if new is None:
        new = _password("新密码：")
        if _password("再输入一次：") != new:
            raise KnownError("两次输入的密码不一致。")
    accounts.change_password(os.environ.get("BANGFU_PASSWORD") or "", new)
    print("密码已修改。")
    return 0


def _pair(text: str, separator: str = "=") -> tuple[str, str]:
    left, sep, right = text.partition(separator)
    if not sep or not left.strip() or not right.strip():
        raise KnownError(f"“{text}”格式不对，应为 左边{separator}右边")
    return left.strip(), right.strip()


def _settings(args: argparse.Namespace) -> int:
    from app import validation
    from app.services import settings

    if args.office_name:
        settings.put("office_name", args.office_name.strip())
    if args.idle_lock_minutes is not None:
        if not 0 <= args.idle_lock_minutes <= 240:
            raise KnownError("自动锁定分钟数应在0至240之间")
        settings.put("idle_lock_minutes", str(args.idle_lock_minutes))
    if args.notice_days is not None:
        if not 1 <= args.notice_days <= 90:
            raise KnownError("公示天数应在1至90之间")
        settings.put("notice_days", str(args.notice_days))
    for item in args.poverty_line or []:
        day, amount = _pair(item)
        try:
            settings.set_poverty_line(validation.parse_date(day), validation.parse_money(amount))
        except ValueError as exc:
            raise KnownError(f"低保标准“{item}”：{exc}") from None
    for item in args.enable_value or []:
        settings.set_value_active(*_pair(item), active=True)
    for item in args.disable_value or []:
        settings.set_value_active(*_pair(item), active=False)
    print(f"帮扶中心名称：{settings.office_name()}")
    print(f"公示天数：{settings.notice_days()}")
    print(f"自动锁定：{settings.idle_lock_minutes()} 分钟（0为不锁定）")
    for line in settings.poverty_lines():
        print(f"低保标准：自 {line.effective_from.isoformat()} 起 {line.monthly_amount} 元/人/月")
    print("困难类别：" + "、".join(settings.value_lists()["category"]))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test is not None:
        from app.self_test import run_self_test

        return run_self_test(Path(args.self_test) if args.self_test else None)
    if args.command is None:
        from app.__main__ import start_window

        return start_window(args.db)
    from app import session
    from app.logfile import setup_logging

    setup_logging()
    signed_in = session.current()  # a command run inside another session (tests) gives it back after
    try:
        return run(args)
    except ValidationError as exc:
        print(f"错误：发现 {len(exc.errors)} 处问题，未做任何修改。", file=sys.stderr)
        for error in exc.errors:
            print(f"  {error.describe()}", file=sys.stderr)
        log.info("命令 %s 未完成，%d 处问题：%s", args.command, len(exc.errors),
                 "；".join(e.describe() for e in exc.errors[:20]))
        return 1
    except KnownError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        log.info("命令 %s 未完成：%s", args.command, exc)
        return 1
    finally:
        from app.office import close_office

        session.set_current(signed_in)
        close_office()
