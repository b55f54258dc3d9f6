"""The kiosk's look: one stylesheet, with sizes scaled to the screen.

Sizes are given for a 1080-pixel short side and scaled to the window, so the same layout reads
well on a 1920x1080 kiosk, an 800x1280 tablet in portrait, and a small operator window.
"""

from __future__ import annotations

INK = "#14213d"
MUTED = "#5c677d"
ACCENT = "#1d4ed8"
GREEN = "#047857"
RED = "#b91c1c"
BACKGROUND = "#eef1f6"
WARNING_BG = "#fef3c7"

_QSS = """
QFrame#KioskWindow {{ background: {bg}; }}
QWidget {{ color: {ink}; font-size: {body}px; }}
QLabel {{ qproperty-alignment: AlignCenter; }}
QFrame#Header {{ background: {ink}; }}
QLabel#HeaderTitle {{ color: white; font-size: {body}px; font-weight: 600; padding: {pad_s}px;
    qproperty-alignment: 'AlignLeft | AlignVCenter'; }}
QLabel#SandboxBadge {{ background: #facc15; color: #111; font-size: {tiny}px; font-weight: 800;
    padding: {pad_s}px {pad}px; border-radius: {radius_s}px; letter-spacing: 2px; }}
QLabel#Banner {{ background: {warn_bg}; color: #78350f; font-size: {small}px; font-weight: 600;
    padding: {pad}px; }}
QLabel#Title {{ font-size: {title}px; font-weight: 700; }}
QLabel#Subtitle {{ font-size: {body}px; color: {muted}; }}
QLabel#Host {{ font-size: {body}px; font-weight: 700; }}
QLabel#Countdown, QLabel#Hint {{ font-size: {small}px; color: {muted}; }}
QLabel#Verdict[outcome="pass"] {{ color: {pass_}; font-size: {huge}px; font-weight: 800; }}
QLabel#Verdict[outcome="fail"] {{ color: {fail}; font-size: {huge}px; font-weight: 800; }}
QLabel#Reason {{ color: {fail}; font-size: {body}px; }}
QLabel#Advice {{ color: {muted}; font-size: {small}px; }}
QLabel#CheckName, QLabel#CheckValue {{ font-size: {body}px; }}
QLabel#CheckName {{ qproperty-alignment: 'AlignLeft | AlignVCenter'; }}
QLabel#StepDone {{ color: {pass_}; font-size: {body}px; }}
QLabel#StepCurrent {{ color: {accent}; font-size: {body}px; font-weight: 700; }}
QLabel#StepTodo {{ color: {muted}; font-size: {body}px; }}
QLabel#Detail {{ color: {muted}; font-size: {small}px; background: white; padding: {pad}px;
    border-radius: {radius_s}px; }}
QPushButton {{ font-size: {button}px; font-weight: 700; border-radius: {radius}px;
    padding: {pad}px {pad_l}px; min-height: {button_h}px; }}
QPushButton#Primary {{ background: {accent}; color: white; border: none; min-width: {button_w}px; }}
QPushButton#Primary:focus {{ border: {focus}px solid {ink}; }}
QPushButton#Primary:pressed {{ background: #1e40af; }}
QPushButton#Secondary {{ background: white; color: {ink}; border: 2px solid #c7ced9; }}
QPushButton#Secondary:focus {{ border: {focus}px solid {accent}; }}
QFrame#OperatorPanel {{ background: {bg}; }}
QLineEdit, QPlainTextEdit, QTableWidget {{ background: white; font-size: {small}px; }}
QHeaderView::section {{ font-size: {small}px; font-weight: 600; padding: {pad_s}px; }}
QLineEdit {{ padding: {pad}px; border: 2px solid #c7ced9; border-radius: {radius_s}px; }}
QProgressBar {{ border: none; background: #d9dee7; max-height: {bar}px; border-radius: 3px; }}
QProgressBar::chunk {{ background: {accent}; }}
"""


def stylesheet(short_side: int) -> str:
    """The stylesheet for a window whose shorter side is ``short_side`` pixels."""
    scale = max(0.45, min(1.6, short_side / 1080))

    def px(value: float) -> int:
        return max(1, round(value * scale))

    return _QSS.format(
        bg=BACKGROUND,
        ink=INK,
        muted=MUTED,
        accent=ACCENT,
        pass_=GREEN,
        fail=RED,
        warn_bg=WARNING_BG,
        tiny=px(20),
        small=px(26),
        body=px(34),
        button=px(40),
        title=px(64),
        huge=px(130),
        pad_s=px(4),
        pad=px(14),
        pad_l=px(40),
        radius=px(18),
        radius_s=px(8),
        button_h=px(88),
        button_w=px(300),
        focus=max(2, px(4)),
        bar=px(10),
    )
