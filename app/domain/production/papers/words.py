"""The customer papers' own words (headings, labels) in the languages the kiosk offers.

Catalog texts (module, finish and hardware names) come translated from the
catalog (:mod:`app.domain.catalog.texts`); these are the words around them.
They live here, not in Qt's ``.ts`` files, because the papers are made in the
domain, also by ``modulor quote`` with no Qt at all.  ``{name}`` fields are
filled with :meth:`Words.get`.  A language missing a word falls back to English;
``tests/domain/test_customer_papers_words.py`` keeps every language complete.
"""

# ruff: noqa: RUF001  (Chinese text uses full-width punctuation on purpose)
from __future__ import annotations

from dataclasses import dataclass

ENGLISH = "en"

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "quote": "Your quote",
        "quote_for": "Quote for {design}",
        "date": "Date",
        "valid_until": "Valid until",
        "order_code": "Order code",
        "order_code_note": "Give this code in the shop or scan it to find your order.",
        "overall": "Overall size",
        "size": "W {w} × H {h} × D {d} mm",
        "elevation": "Front view with dimensions (mm)",
        "unit": "Unit {n}",
        "what": "What",
        "options": "Options",
        "price": "Price",
        "finishes": "Finishes",
        "total": "Total including VAT",
        "net": "Price before VAT",
        "vat": "VAT {rate} %",
        "lead_time": "Ready in {days} working days from your order",
        "included": "Included: {items}",
        "prices_note": "Prices include VAT. Delivery and installation are not included.",
        "page": "page {n} / {total}",
        "phone": "Phone",
        "email": "E-mail",
        "assembly": "Assembly instructions",
        "assembly_intro": "Build each unit on a soft, clean floor. Each step shows the parts to add in colour, "
                          "the parts already in place in grey, and arrows for the way each part goes in.",
        "step": "Step {n}",
        "parts": "Parts",
        "fittings": "Fittings",
        "qty": "Qty",
        "no_parts": "No new boards in this step.",
        "build_unit": "Build unit {n}: {name}",
        "build_insert": "Build the {name}",
        "fit_part": "Fit the {label}",
        "insert": "Put in the {name}",
        "fittings_only": "Fit the {name}",
        "joining": "Joining the units",
        "place_unit": "Set unit {n} ({name}) in place",
        "on_floor": "Stand it on the floor.",
        "on_wall": "Hang it on the wall.",
        "on_unit": "Set it on unit {n}.",
        "beside": "It stands beside unit {n}: align the fronts and the tops, then clamp them together.",
        "anchor": "Fix to the wall",
        "anchor_step": "Anchor unit {n} to the wall",
        "anchor_warning": "WARNING: {why}. Fix it to the wall with the anchor kit before you put anything in "
                          "it, so that it cannot tip over.",
        "doors": "Hanging and adjusting the doors",
        "hang_door": "Hang the {name} on unit {n} (hinges on the {side})",
        "left": "left",
        "right": "right",
        "adjust": "Adjust the doors",
        "adjust_text": "Each hinge has three screws: the front one moves the door sideways (even gaps), the "
                       "rear one in and out (flush with the carcass), and the cam on the mounting plate up "
                       "and down. Close all doors and set the gaps to about 3 mm.",
        "direction": "Direction",
        "dir_-z": "down from above",
        "dir_+z": "up from below",
        "dir_+y": "from the front",
        "dir_-y": "from behind",
        "dir_+x": "from the left",
        "dir_-x": "from the right",
        "contents": "What you need: {parts} boards, {fittings} fittings.",
    },
    "sv": {
        "quote": "Din offert",
        "quote_for": "Offert för {design}",
        "date": "Datum",
        "valid_until": "Giltig till",
        "order_code": "Orderkod",
        "order_code_note": "Uppge koden i butiken eller skanna den för att hitta din order.",
        "overall": "Totalmått",
        "size": "B {w} × H {h} × D {d} mm",
        "elevation": "Framvy med mått (mm)",
        "unit": "Del {n}",
        "what": "Vad",
        "options": "Val",
        "price": "Pris",
        "finishes": "Ytor",
        "total": "Totalt inklusive moms",
        "net": "Pris före moms",
        "vat": "Moms {rate} %",
        "lead_time": "Klar om {days} arbetsdagar från din beställning",
        "included": "Ingår: {items}",
        "prices_note": "Priserna inkluderar moms. Leverans och montering ingår inte.",
        "page": "sida {n} / {total}",
        "phone": "Telefon",
        "email": "E-post",
        "assembly": "Monteringsanvisning",
        "assembly_intro": "Bygg varje del på ett mjukt, rent golv. Varje steg visar delarna som ska läggas till i "
                          "färg, delarna som redan sitter i grått och pilar för hur varje del förs in.",
        "step": "Steg {n}",
        "parts": "Skivor",
        "fittings": "Beslag",
        "qty": "Antal",
        "no_parts": "Inga nya skivor i detta steg.",
        "build_unit": "Bygg del {n}: {name}",
        "build_insert": "Bygg {name}",
        "fit_part": "Montera {label}",
        "insert": "Sätt in {name}",
        "fittings_only": "Montera {name}",
        "joining": "Sätta ihop delarna",
        "place_unit": "Ställ del {n} ({name}) på plats",
        "on_floor": "Ställ den på golvet.",
        "on_wall": "Häng den på väggen.",
        "on_unit": "Ställ den på del {n}.",
        "beside": "Den står bredvid del {n}: rikta in fronter och ovansidor och spänn ihop dem.",
        "anchor": "Fästa i väggen",
        "anchor_step": "Förankra del {n} i väggen",
        "anchor_warning": "VARNING: {why}. Fäst den i väggen med förankringssatsen innan du ställer något i den, "
                          "så att den inte kan välta.",
        "doors": "Hänga och justera dörrarna",
        "hang_door": "Häng {name} på del {n} (gångjärn till {side})",
        "left": "vänster",
        "right": "höger",
        "adjust": "Justera dörrarna",
        "adjust_text": "Varje gångjärn har tre skruvar: den främre flyttar dörren i sidled (jämna springor), den "
                       "bakre in och ut (i liv med stommen) och excentern på monteringsplattan upp och ner. "
                       "Stäng alla dörrar och ställ springorna till cirka 3 mm.",
        "direction": "Riktning",
        "dir_-z": "uppifrån och ner",
        "dir_+z": "nedifrån och upp",
        "dir_+y": "framifrån",
        "dir_-y": "bakifrån",
        "dir_+x": "från vänster",
        "dir_-x": "från höger",
        "contents": "Du behöver: {parts} skivor, {fittings} beslag.",
    },
    "zh_CN": {
        "quote": "您的报价",
        "quote_for": "{design} 的报价",
        "date": "日期",
        "valid_until": "有效期至",
        "order_code": "订单代码",
        "order_code_note": "在店内出示此代码或扫描二维码即可找到您的订单。",
        "overall": "总尺寸",
        "size": "宽 {w} × 高 {h} × 深 {d} 毫米",
        "elevation": "正视图及尺寸（毫米）",
        "unit": "第 {n} 部分",
        "what": "内容",
        "options": "选项",
        "price": "价格",
        "finishes": "饰面",
        "total": "含增值税总价",
        "net": "税前价格",
        "vat": "增值税 {rate} %",
        "lead_time": "下单后 {days} 个工作日完成",
        "included": "包含：{items}",
        "prices_note": "价格含增值税，不含送货和安装。",
        "page": "第 {n} / {total} 页",
        "phone": "电话",
        "email": "电子邮件",
        "assembly": "安装说明",
        "assembly_intro": "请在柔软干净的地面上组装每个部分。每一步用彩色显示要添加的部件，用灰色显示已安装的部件，"
                          "箭头表示每个部件的安装方向。",
        "step": "第 {n} 步",
        "parts": "板件",
        "fittings": "五金件",
        "qty": "数量",
        "no_parts": "此步骤没有新的板件。",
        "build_unit": "组装第 {n} 部分：{name}",
        "build_insert": "组装{name}",
        "fit_part": "安装{label}",
        "insert": "放入{name}",
        "fittings_only": "安装{name}",
        "joining": "连接各部分",
        "place_unit": "将第 {n} 部分（{name}）放到位",
        "on_floor": "将其放在地面上。",
        "on_wall": "将其挂在墙上。",
        "on_unit": "将其放在第 {n} 部分上。",
        "beside": "它位于第 {n} 部分旁边：对齐正面和顶部，然后夹紧。",
        "anchor": "固定在墙上",
        "anchor_step": "将第 {n} 部分固定在墙上",
        "anchor_warning": "警告：{why}。在放入任何物品之前，请用防倾倒套件将其固定在墙上。",
        "doors": "安装和调整柜门",
        "hang_door": "将{name}安装到第 {n} 部分（铰链在{side}）",
        "left": "左侧",
        "right": "右侧",
        "adjust": "调整柜门",
        "adjust_text": "每个铰链有三颗螺丝：前面的螺丝左右调整柜门（缝隙均匀），后面的螺丝前后调整（与柜体齐平），"
                       "安装底座上的偏心轮上下调整。关上所有柜门，将缝隙调到约 3 毫米。",
        "direction": "方向",
        "dir_-z": "从上往下",
        "dir_+z": "从下往上",
        "dir_+y": "从前面",
        "dir_-y": "从后面",
        "dir_+x": "从左边",
        "dir_-x": "从右边",
        "contents": "所需：{parts} 块板件，{fittings} 个五金件。",
    },
}


@dataclass(frozen=True)
class Words:
    """The papers' words in one language (English for a language without a table)."""

    language: str = ENGLISH

    def get(self, key: str, **fields: object) -> str:
        table = WORDS.get(self.language, WORDS[ENGLISH])
        text = table.get(key, WORDS[ENGLISH][key])
        return text.format(**fields) if fields else text
