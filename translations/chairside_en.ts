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
<context>
    <name>chairside::ClientCard</name>
    <message numerus="yes">
        <source>%n no-show(s)</source>
        <translation>
            <numerusform>%n no-show</numerusform>
            <numerusform>%n no-shows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Upcoming (%n)</source>
        <translation>
            <numerusform>Upcoming (%n)</numerusform>
            <numerusform>Upcoming (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Past (%n)</source>
        <translation>
            <numerusform>Past (%n)</numerusform>
            <numerusform>Past (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deposits (%n)</source>
        <translation>
            <numerusform>Deposits (%n)</numerusform>
            <numerusform>Deposits (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chairside::MainWindow</name>
    <message numerus="yes">
        <source>%n client(s) on the waitlist can have the freed time</source>
        <translation>
            <numerusform>%n client on the waitlist can have the freed time</numerusform>
            <numerusform>%n clients on the waitlist can have the freed time</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chairside::WaitlistPanel</name>
    <message numerus="yes">
        <source>%n client(s) waiting</source>
        <translation>
            <numerusform>%n client waiting</numerusform>
            <numerusform>%n clients waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n can have the freed time now</source>
        <translation>
            <numerusform>%n can have the freed time now</numerusform>
            <numerusform>%n can have the freed time now</numerusform>
        </translation>
    </message>
</context>
</TS>
