<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>StoreArchive</name>
    <message numerus="yes">
        <source>(and %n more)</source>
        <translation>
            <numerusform>(and %n more)</numerusform>
            <numerusform>(and %n more)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>should have %n entries</source>
        <translation>
            <numerusform>should have %n entry</numerusform>
            <numerusform>should have %n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chairside</name>
    <message numerus="yes">
        <source>%1 has %n upcoming appointment(s); move or cancel them first, or make them inactive instead.</source>
        <translation>
            <numerusform>%1 has %n upcoming appointment; move or cancel it first, or make them inactive instead.</numerusform>
            <numerusform>%1 has %n upcoming appointments; move or cancel them first, or make them inactive instead.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 is booked in %n upcoming appointment(s); make it inactive to stop offering it.</source>
        <translation>
            <numerusform>%1 is booked in %n upcoming appointment; make it inactive to stop offering it.</numerusform>
            <numerusform>%1 is booked in %n upcoming appointments; make it inactive to stop offering it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n upcoming appointment(s); cancel them first.</source>
        <translation>
            <numerusform>%1 has %n upcoming appointment; cancel it first.</numerusform>
            <numerusform>%1 has %n upcoming appointments; cancel them first.</numerusform>
        </translation>
    </message>
</context>
</TS>
