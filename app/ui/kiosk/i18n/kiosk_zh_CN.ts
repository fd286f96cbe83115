<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttractPage</name>
    <message>
        <location filename="../attract.py" line="70" />
        <source>Touch the screen to design your own furniture</source>
        <translation>触摸屏幕，设计您自己的家具</translation>
    </message>
</context>
<context>
    <name>ChoicePanel</name>
    <message>
        <source>Add beside this part</source>
        <translation>在此部分旁边添加</translation>
    </message>
    <message>
        <source>Remove this part</source>
        <translation>移除此部分</translation>
    </message>
    <message>
        <source>◀ %1</source>
        <translation>◀ %1</translation>
    </message>
    <message>
        <source>%1 ▶</source>
        <translation>%1 ▶</translation>
    </message>
    <message>
        <source>The furniture needs at least one part.</source>
        <translation>家具至少需要一个部分。</translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation>不可选：%1</translation>
    </message>
    <message>
        <source>the workshop cannot make the design with this choice.</source>
        <translation>选择此项后，工坊无法制作该设计。</translation>
    </message>
    <message>
        <source>We make this unit from %1 to %2 wide.</source>
        <translation>此部件的宽度可在 %1 至 %2 之间。</translation>
    </message>
    <message>
        <source>We make this unit from %1 to %2 tall.</source>
        <translation>此部件的高度可在 %1 至 %2 之间。</translation>
    </message>
    <message>
        <source>We make this unit from %1 to %2 deep.</source>
        <translation>此部件的深度可在 %1 至 %2 之间。</translation>
    </message>
    <message>
        <source>There are no shelves to take out.</source>
        <translation>没有可以取下的搁板。</translation>
    </message>
    <message>
        <source>At most %1 shelves fit in this unit.</source>
        <translation>此部件最多可放 %1 块搁板。</translation>
    </message>
    <message>
        <source>One drawer is the fewest. For none, choose Open or a door.</source>
        <translation>至少一个抽屉。不要抽屉请选择“开放”或“门”。</translation>
    </message>
    <message>
        <location filename="../choices.py" line="133" />
        <source>Which part?</source>
        <translation>哪个部分？</translation>
    </message>
    <message>
        <location filename="../choices.py" line="134" />
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../choices.py" line="135" />
        <source>Inside</source>
        <translation>内部</translation>
    </message>
    <message>
        <location filename="../choices.py" line="136" />
        <source>Fronts</source>
        <translation>门板</translation>
    </message>
    <message>
        <location filename="../choices.py" line="137" />
        <source>Colour of the cabinets</source>
        <translation>柜体颜色</translation>
    </message>
    <message>
        <location filename="../choices.py" line="137" />
        <source>Colour of the fronts</source>
        <translation>门板颜色</translation>
    </message>
    <message>
        <location filename="../choices.py" line="138" />
        <source>Colour of the top</source>
        <translation>台面颜色</translation>
    </message>
    <message>
        <location filename="../choices.py" line="138" />
        <source>Colour of the base</source>
        <translation>底座颜色</translation>
    </message>
    <message>
        <location filename="../choices.py" line="141" />
        <source>Handles</source>
        <translation>把手</translation>
    </message>
    <message>
        <location filename="../choices.py" line="142" />
        <source>Legs</source>
        <translation>柜腿</translation>
    </message>
    <message>
        <location filename="../choices.py" line="143" />
        <source>Plinth height</source>
        <translation>踢脚板高度</translation>
    </message>
    <message>
        <location filename="../choices.py" line="144" />
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <location filename="../choices.py" line="145" />
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <location filename="../choices.py" line="146" />
        <source>Depth</source>
        <translation>深度</translation>
    </message>
    <message>
        <location filename="../choices.py" line="147" />
        <source>Shelves</source>
        <translation>层板</translation>
    </message>
    <message>
        <location filename="../choices.py" line="148" />
        <location filename="../choices.py" line="188" />
        <source>Drawers</source>
        <translation>抽屉</translation>
    </message>
    <message>
        <location filename="../choices.py" line="158" />
        <source>Part %1</source>
        <translation>第 %1 部分</translation>
    </message>
    <message>
        <location filename="../choices.py" line="165" />
        <source>Which part? Now: %1</source>
        <translation>哪个部分？当前：%1</translation>
    </message>
    <message>
        <location filename="../choices.py" line="187" />
        <source>Open</source>
        <translation>开放</translation>
    </message>
    <message>
        <location filename="../choices.py" line="187" />
        <source>One door</source>
        <translation>单门</translation>
    </message>
    <message>
        <location filename="../choices.py" line="187" />
        <source>Two doors</source>
        <translation>双门</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../done_page.py" line="63" />
        <source>Thank you!</source>
        <translation>谢谢！</translation>
    </message>
    <message>
        <location filename="../done_page.py" line="64" />
        <source>Your order code</source>
        <translation>您的订单编号</translation>
    </message>
    <message>
        <location filename="../done_page.py" line="65" />
        <source>Show or read this code at the counter, or scan it with your phone to keep it. We need no name, phone number or e-mail.</source>
        <translation>请在柜台出示或读出此编号，也可以用手机扫码保存。我们不需要您的姓名、电话或电子邮件。</translation>
    </message>
    <message>
        <location filename="../done_page.py" line="67" />
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>EditorPage</name>
    <message>
        <source>⟲ Reset view</source>
        <translation>⟲ 重置视图</translation>
    </message>
    <message>
        <location filename="../editor_page.py" line="127" />
        <source>That change is not possible.</source>
        <translation>无法进行此更改。</translation>
    </message>
    <message>
        <location filename="../editor_page.py" line="133" />
        <source>↶ Undo</source>
        <translation>↶ 撤销</translation>
    </message>
    <message>
        <location filename="../editor_page.py" line="134" />
        <source>Finish</source>
        <translation>完成设计</translation>
    </message>
    <message>
        <location filename="../editor_page.py" line="145" />
        <source>Ready in %1</source>
        <translation>%1后可交货</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <source>A shelf is at the height of a door hinge: the workshop sets it one hole higher or lower.</source>
        <translation>有一块搁板与门铰链同高：工坊会将其上移或下移一个孔位。</translation>
    </message>
    <message>
        <source>A shelf is between the holes for its pins: it will sit on the nearest hole.</source>
        <translation>有一块搁板位于层板托孔之间：将放在最近的孔位上。</translation>
    </message>
    <message>
        <source>The handle would be screwed into the drawer's side: the workshop moves it a little.</source>
        <translation>把手会拧入抽屉侧板：工坊会将其稍作移动。</translation>
    </message>
    <message>
        <source>Two parts would be in the same place.</source>
        <translation>两个部件会处于同一位置。</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="42" />
        <source>This shelf would sag %1 mm under its load; we allow %2 mm. A thicker board or a narrower unit helps.</source>
        <translation>此层板承重后会下垂 %1 mm；我们允许 %2 mm。更厚的板材或更窄的柜体可以解决。</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="45" />
        <source>This unit is fixed to the wall so it cannot tip over. The wall anchor kit is included.</source>
        <translation>此柜体将固定在墙上以防倾倒。已包含墙体固定套件。</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="47" />
        <source>This unit would need fixing to the wall, but it cannot be anchored.</source>
        <translation>此柜体需要固定在墙上，但无法安装固定件。</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="49" />
        <source>A door %1 mm wide is wider than our hinges hold (%2 mm): choose two doors.</source>
        <translation>%1 mm 宽的门超过了铰链的承受范围（%2 mm）：请选择双门。</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="51" />
        <source>This door is too heavy or too tall for our hinges: choose two doors or a lower unit.</source>
        <translation>此门对铰链来说太重或太高：请选择双门或更矮的柜体。</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="53" />
        <source>The drawer runners do not fit this unit's depth.</source>
        <translation>抽屉滑轨与此柜体的深度不匹配。</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="55" />
        <source>A full drawer this size holds about %1 kg; its runners carry %2 kg.</source>
        <translation>这种尺寸的抽屉装满约 %1 kg；其滑轨承重 %2 kg。</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="57" />
        <source>Two parts would be in the same place (%1).</source>
        <translation>两个部件会处于同一位置（%1）。</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="59" />
        <source>This unit would be %1 mm tall; we build up to %2 mm.</source>
        <translation>此柜体高度将为 %1 mm；我们最高制作 %2 mm。</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="61" />
        <source>This unit will be assembled upright in your room.</source>
        <translation>此柜体将在您的房间内直立组装。</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="63" />
        <source>The %1 cannot be made at this size.</source>
        <translation>%1无法按此尺寸制作。</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="64" />
        <source>The workshop has to look at this design (%1).</source>
        <translation>工厂需要检查此设计（%1）。</translation>
    </message>
    <message numerus="yes">
        <location filename="../feedback.py" line="73" />
        <source>%n problem(s) to solve</source>
        <translation>
            <numerusform>有 %n 个问题需要解决</numerusform></translation>
    </message>
    <message>
        <location filename="../feedback.py" line="74" />
        <source>Ready to order</source>
        <translation>可以下单</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="125" />
        <source>Part %1</source>
        <translation>第 %1 部分</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="126" />
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="127" />
        <source>Parts %1 and %2</source>
        <translation>第 %1 和 %2 部分</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="154" />
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <source>Same price</source>
        <translation>价格不变</translation>
    </message>
    <message>
        <location filename="../i18n.py" line="114" />
        <source>%1 mm</source>
        <translation>%1 mm</translation>
    </message>
    <message numerus="yes">
        <location filename="../i18n.py" line="118" />
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n 个工作日</numerusform></translation>
    </message>
    <message>
        <location filename="../i18n.py" line="126" />
        <source>W %1 × H %2 × D %3 mm</source>
        <translation>宽 %1 × 高 %2 × 深 %3 mm</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../window.py" line="179" />
        <source>Sorry, the order could not be stored. Please ask our staff.</source>
        <translation>抱歉，订单未能保存。请咨询我们的工作人员。</translation>
    </message>
    <message>
        <location filename="../window.py" line="225" />
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../admin.py" line="84" />
        <source>Staff only: enter the PIN</source>
        <translation>仅限工作人员：请输入 PIN 码</translation>
    </message>
    <message>
        <location filename="../admin.py" line="85" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../admin.py" line="86" />
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../admin.py" line="87" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../admin.py" line="102" />
        <source>Too many wrong PINs. Wait a minute and try again.</source>
        <translation>PIN 码错误次数过多。请等待一分钟后再试。</translation>
    </message>
    <message>
        <location filename="../admin.py" line="110" />
        <source>Wrong PIN.</source>
        <translation>PIN 码错误。</translation>
    </message>
</context>
<context>
    <name>ScreenKeyboard</name>
    <message>
        <location filename="../keyboard.py" line="39" />
        <source>space</source>
        <translation>空格</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="40" />
        <source>next field</source>
        <translation>下一栏</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../admin.py" line="196" />
        <source>Kiosk settings</source>
        <translation>自助终端设置</translation>
    </message>
    <message>
        <location filename="../admin.py" line="197" />
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../admin.py" line="198" />
        <source>Ask "Are you still there?" after</source>
        <translation>多久后询问“您还在吗？”</translation>
    </message>
    <message>
        <location filename="../admin.py" line="200" />
        <source>Then start afresh after</source>
        <translation>之后多久重新开始</translation>
    </message>
    <message>
        <location filename="../admin.py" line="202" />
        <source>Turn a preset on the idle screen after</source>
        <translation>多久后在待机屏幕上旋转展示家具</translation>
    </message>
    <message>
        <location filename="../admin.py" line="204" />
        <source>Languages offered</source>
        <translation>提供的语言</translation>
    </message>
    <message>
        <location filename="../admin.py" line="208" />
        <source>Ask for contact details (optional for the customer, stored encrypted)</source>
        <translation>询问联系方式（顾客可选填，加密保存）</translation>
    </message>
    <message>
        <location filename="../admin.py" line="209" />
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../admin.py" line="209" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../admin.py" line="210" />
        <source>Orders are stored in %1 (change it in the settings file).</source>
        <translation>订单保存在 %1（可在设置文件中更改）。</translation>
    </message>
    <message>
        <location filename="../admin.py" line="212" />
        <source>Leave kiosk mode</source>
        <translation>退出自助终端模式</translation>
    </message>
    <message>
        <location filename="../admin.py" line="213" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../admin.py" line="214" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>StartOverQuestion</name>
    <message>
        <location filename="../start_over.py" line="92" />
        <source>Start over?</source>
        <translation>重新开始？</translation>
    </message>
    <message>
        <location filename="../start_over.py" line="93" />
        <source>Your design will be lost.</source>
        <translation>您的设计将会丢失。</translation>
    </message>
    <message>
        <location filename="../start_over.py" line="94" />
        <source>No, keep my design</source>
        <translation>不，保留我的设计</translation>
    </message>
    <message>
        <location filename="../start_over.py" line="95" />
        <source>Yes, start over</source>
        <translation>是，重新开始</translation>
    </message>
</context>
<context>
    <name>StillThere</name>
    <message>
        <location filename="../idle.py" line="104" />
        <source>Are you still there?</source>
        <translation>您还在吗？</translation>
    </message>
    <message numerus="yes">
        <location filename="../idle.py" line="105" />
        <source>The screen starts afresh in %n second(s) and your design is deleted.</source>
        <translation>
            <numerusform>屏幕将在 %n 秒后重新开始，您的设计将被删除。</numerusform></translation>
    </message>
    <message>
        <location filename="../idle.py" line="107" />
        <source>Yes, I am still here</source>
        <translation>是的，我还在</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>%1. %2, %3</source>
        <translation>%1. %2，%3</translation>
    </message>
    <message>
        <location filename="../summary_page.py" line="128" />
        <source>Your design</source>
        <translation>您的设计</translation>
    </message>
    <message>
        <location filename="../summary_page.py" line="129" />
        <source>What is included</source>
        <translation>包含内容</translation>
    </message>
    <message>
        <location filename="../summary_page.py" line="130" />
        <source>Back to the design</source>
        <translation>返回设计</translation>
    </message>
    <message>
        <location filename="../summary_page.py" line="131" />
        <source>Order and get my code</source>
        <translation>下单并获取编号</translation>
    </message>
    <message>
        <location filename="../summary_page.py" line="132" />
        <source>Optional: leave a name and a phone number or e-mail if you would like us to contact you. You can also just take the code.</source>
        <translation>可选：如果希望我们联系您，请留下姓名和电话或电子邮件。您也可以只拿走编号。</translation>
    </message>
    <message>
        <location filename="../summary_page.py" line="134" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../summary_page.py" line="135" />
        <source>Phone or e-mail</source>
        <translation>电话或电子邮件</translation>
    </message>
    <message>
        <location filename="../summary_page.py" line="146" />
        <source>%1 including VAT</source>
        <translation>%1（含增值税）</translation>
    </message>
    <message>
        <location filename="../summary_page.py" line="148" />
        <source>Ready in %1</source>
        <translation>%1后可交货</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../welcome.py" line="115" />
        <source>What would you like to furnish?</source>
        <translation>您想布置什么？</translation>
    </message>
    <message>
        <location filename="../welcome.py" line="116" />
        <source>Choose a starting point. You can change its size, inside, fronts and colours next.</source>
        <translation>选择一个起点。接下来可以更改尺寸、内部、门板和颜色。</translation>
    </message>
    <message>
        <location filename="../welcome.py" line="118" />
        <source>Touch a picture to start. Your design is not kept after you leave.</source>
        <translation>触摸图片开始。您离开后设计不会被保留。</translation>
    </message>
    <message>
        <location filename="../welcome.py" line="126" />
        <source>As shown: %1</source>
        <translation>图示价格：%1</translation>
    </message>
</context>
</TS>