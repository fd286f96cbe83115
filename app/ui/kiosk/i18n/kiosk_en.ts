<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>Feedback</name>
    <message numerus="yes">
        <location filename="../feedback.py" line="73" />
        <source>%n problem(s) to solve</source>
        <translation>
            <numerusform>%n problem to solve</numerusform><numerusform>%n problems to solve</numerusform></translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message numerus="yes">
        <location filename="../i18n.py" line="118" />
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n working day</numerusform><numerusform>%n working days</numerusform></translation>
    </message>
</context>
<context>
    <name>StillThere</name>
    <message numerus="yes">
        <location filename="../idle.py" line="105" />
        <source>The screen starts afresh in %n second(s) and your design is deleted.</source>
        <translation>
            <numerusform>The screen starts afresh in %n second and your design is deleted.</numerusform><numerusform>The screen starts afresh in %n seconds and your design is deleted.</numerusform></translation>
    </message>
</context>
</TS>