"""Command-line functions: python -m app <command> (demo, template, export, import, print)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from app import __version__
from app.errors import KnownError, ValidationError
from app.paths import APP_TITLE

PRINT_FORMS = {
    "home-visit": "困难职工家庭入户调查表（默认：所有待入户调查的档案）",
    "file-form": "困难职工档案表（默认：所有在办档案）",
    "notice": "公示名单（默认：所有正在公示的档案）",
}
EXPORT_KINDS = ("households",)


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
    _add_db(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="命令", title="命令",
                                     parser_class=_ChineseParser)

    demo = commands.add_parser("demo", help="生成演示数据库（一个县的困难职工档案）")
    _add_db(demo)
    demo.add_argument("--households", type=int, default=650, metavar="N", help="档案户数（默认650）")
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
    imp.add_argument("--update", action="store_true", help="身份证号已有档案时更新该档案（默认报错）")

    print_ = commands.add_parser("print", help="打印表格（PDF，A4）")
    print_.add_argument("form", choices=list(PRINT_FORMS),
                        help="；".join(f"{k}：{v}" for k, v in PRINT_FORMS.items()))
    _add_db(print_)
    print_.add_argument("--out", required=True, metavar="F.pdf")
    print_.add_argument("--ids", metavar="1,2,3",
                        help="只打印这些档案：档案编号（如 2025-0001）或内部编号，逗号分隔")
    settings_ = commands.add_parser("settings", help="查看或修改本单位设置（不带选项时显示当前设置）")
    _add_db(settings_)
    settings_.add_argument("--office-name", metavar="名称", help="帮扶中心名称（打印在表头）")
    settings_.add_argument("--notice-days", type=int, metavar="N", help="公示天数")
    settings_.add_argument("--poverty-line", metavar="YYYY-MM-DD=金额", action="append",
                           help="自某日起的低保标准（元/人/月），可重复")
    settings_.add_argument("--enable-value", metavar="列表=值", action="append",
                           help="启用可选值，如 category=特困职工（旧档案的困难类别）")
    settings_.add_argument("--disable-value", metavar="列表=值", action="append", help="停用可选值")
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

    return open_office(args.db)


def _password(prompt: str) -> str:
    import getpass

    if not sys.stdin.isatty():
        raise KnownError("需要密码：请在终端中运行，或设置环境变量 BANGFU_PASSWORD。")
    return getpass.getpass(prompt)


def _sign_in(args: argparse.Namespace) -> None:
    """The command acts as an account; the first command on a new database creates it as administrator."""
    from app.services import accounts

    user = (args.user or os.environ.get("BANGFU_USER") or "").strip()
    if not user:
        raise KnownError("请用 --user 指定办理的账户（或设置环境变量 BANGFU_USER）。")
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


def run(args: argparse.Namespace) -> int:
    command = args.command
    if command == "template":
        from app.services import exchange

        path = exchange.write_template(args.kind, Path(args.out))
        print(f"已生成导入模板：{path}")
        return 0
    db_path = _open(args)
    if command == "demo":
        from app.demo import county
        from app.services import accounts

        summary = county.make_demo(households=args.households, seed=args.seed)
        print(f"已生成演示数据库 {db_path}：{summary.describe()}")
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
        print(f"已导出 {result.rows} 户到 {result.path}")
        return 0
    if command == "import":
        from app.services import exchange

        report = exchange.import_register(args.kind, Path(args.file), update=args.update)
        print(report.describe())
        for warning in report.warnings:
            print(f"提示：{warning}")
        return 0
    if command == "print":
        from app import printing

        printed = printing.print_forms(args.form, Path(args.out), ids=_parse_ids(args.ids))
        print(f"已生成 {printed.path}：{printed.pages} 页")
        for warning in printed.warnings:
            print(f"提示：{warning}", file=sys.stderr)
        return 0
    if command == "settings":
        return _settings(args)
    raise AssertionError(command)


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
    for line in settings.poverty_lines():
        print(f"低保标准：自 {line.effective_from.isoformat()} 起 {line.monthly_amount} 元/人/月")
    print("困难类别：" + "、".join(settings.value_lists()["category"]))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from app.__main__ import start_window

        return start_window(args.db)
    from app import session

    signed_in = session.current()  # a command run inside another session (tests) gives it back after
    try:
        return run(args)
    except ValidationError as exc:
        print(f"错误：发现 {len(exc.errors)} 处问题，未做任何修改。", file=sys.stderr)
        for error in exc.errors:
            print(f"  {error.describe()}", file=sys.stderr)
        return 1
    except KnownError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    finally:
        from app.office import close_office

        session.set_current(signed_in)
        close_office()
