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
    <message numerus="yes">
        <source>Book %n visits</source>
        <translation>
            <numerusform>Book %n visit</numerusform>
            <numerusform>Book %n visits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open session(s) ended.</source>
        <translation>
            <numerusform>%n open session ended.</numerusform>
            <numerusform>%n open sessions ended.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %n change(s): </source>
        <translation>
            <numerusform>Sent %n change: </numerusform>
            <numerusform>Sent %n changes: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n applied, </source>
        <translation>
            <numerusform>%n applied, </numerusform>
            <numerusform>%n applied, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in conflict, </source>
        <translation>
            <numerusform>%n in conflict, </numerusform>
            <numerusform>%n in conflict, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused.</source>
        <translation>
            <numerusform>%n refused.</numerusform>
            <numerusform>%n refused.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Uploaded this PC&apos;s book (%n row(s)).</source>
        <translation>
            <numerusform>Uploaded this PC&apos;s book (%n row).</numerusform>
            <numerusform>Uploaded this PC&apos;s book (%n rows).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Took %n change(s) from the server</source>
        <translation>
            <numerusform>Took %n change from the server</numerusform>
            <numerusform>Took %n changes from the server</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n written here).</source>
        <translation>
            <numerusform>(%n written here).</numerusform>
            <numerusform>(%n written here).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) with changes of this PC wait for the next round.</source>
        <translation>
            <numerusform>%n row with changes of this PC wait for the next round.</numerusform>
            <numerusform>%n rows with changes of this PC wait for the next round.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to be sent.</source>
        <translation>
            <numerusform>%n change waiting to be sent.</numerusform>
            <numerusform>%n changes waiting to be sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) to resolve (chairside-cli conflicts list).</source>
        <translation>
            <numerusform>%n conflict to resolve (chairside-cli conflicts list).</numerusform>
            <numerusform>%n conflicts to resolve (chairside-cli conflicts list).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tombstone(s),</source>
        <translation>
            <numerusform>%n tombstone,</numerusform>
            <numerusform>%n tombstones,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) of applied changes,</source>
        <translation>
            <numerusform>%n record of applied changes,</numerusform>
            <numerusform>%n records of applied changes,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n audit row(s) removed.</source>
        <translation>
            <numerusform>%n audit row removed.</numerusform>
            <numerusform>%n audit rows removed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing on the server is older than %n day(s).</source>
        <translation>
            <numerusform>Nothing on the server is older than %n day.</numerusform>
            <numerusform>Nothing on the server is older than %n days.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>First sync: %1 of %n row(s)</source>
        <translation>
            <numerusform>First sync: %1 of %n row</numerusform>
            <numerusform>First sync: %1 of %n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>First sync done: %n row(s) from the server.</source>
        <translation>
            <numerusform>First sync done: %n row from the server.</numerusform>
            <numerusform>First sync done: %n rows from the server.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chairside::AppointmentEditor</name>
    <message numerus="yes">
        <source> week(s)</source>
        <translation>
            <numerusform> week</numerusform>
            <numerusform> weeks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> visit(s)</source>
        <translation>
            <numerusform> visit</numerusform>
            <numerusform> visits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n min)</source>
        <translation>
            <numerusform>%1 (%n min)</numerusform>
            <numerusform>%1 (%n min)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(missed %n visit(s))</source>
        <translation>
            <numerusform>(missed %n visit)</numerusform>
            <numerusform>(missed %n visits)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) free here</source>
        <translation>
            <numerusform>%n minute free here</numerusform>
            <numerusform>%n minutes free here</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n service</numerusform>
            <numerusform>%n services</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n visit(s) fit, up to %1.</source>
        <translation>
            <numerusform>%n visit fits, up to %1.</numerusform>
            <numerusform>All %n visits fit, up to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n date(s) do not fit. A standing appointment is booked whole: change the time, the stylist or the repeat, or overbook.</source>
        <translation>
            <numerusform>%n date does not fit. A standing appointment is booked whole: change the time, the stylist or the repeat, or overbook.</numerusform>
            <numerusform>%n dates do not fit. A standing appointment is booked whole: change the time, the stylist or the repeat, or overbook.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chairside::AppointmentHistory</name>
    <message numerus="yes">
        <source>%n change(s) on the salon&apos;s server.</source>
        <translation>
            <numerusform>%n change on the salon&apos;s server.</numerusform>
            <numerusform>%n changes on the salon&apos;s server.</numerusform>
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
    <message numerus="yes">
        <source>A patch test is needed first for %n upcoming visit(s)</source>
        <translation>
            <numerusform>A patch test is needed first for %n upcoming visit</numerusform>
            <numerusform>A patch test is needed first for %n upcoming visits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chairside::ConflictPanel</name>
    <message numerus="yes">
        <source>%n conflict(s) to resolve</source>
        <translation>
            <numerusform>%n conflict to resolve</numerusform>
            <numerusform>%n conflicts to resolve</numerusform>
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
    <message numerus="yes">
        <source>%n visit(s)</source>
        <translation>
            <numerusform>%n visit</numerusform>
            <numerusform>%n visits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stylist(s) working</source>
        <translation>
            <numerusform>%n stylist working</numerusform>
            <numerusform>%n stylists working</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Booked %n visit(s) from %1.</source>
        <translation>
            <numerusform>Booked %n visit from %1.</numerusform>
            <numerusform>Booked %n visits from %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Book the next visit in %n week(s)?</source>
        <translation>
            <numerusform>Book the next visit in %n week?</numerusform>
            <numerusform>Book the next visit in %n weeks?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Replace the whole book on this computer with %1?

It holds %n appointment(s). Everything in the book now is replaced, and this cannot be undone: export the book first if you may want it back.</source>
        <translation>
            <numerusform>Replace the whole book on this computer with %1?

It holds %n appointment. Everything in the book now is replaced, and this cannot be undone: export the book first if you may want it back.</numerusform>
            <numerusform>Replace the whole book on this computer with %1?

It holds %n appointments. Everything in the book now is replaced, and this cannot be undone: export the book first if you may want it back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n calendar account(s) to reconnect</source>
        <translation>
            <numerusform>%n calendar account to reconnect</numerusform>
            <numerusform>%n calendar accounts to reconnect</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) to resolve</source>
        <translation>
            <numerusform>%n conflict to resolve</numerusform>
            <numerusform>%n conflicts to resolve</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chairside::SlotFinder</name>
    <message numerus="yes">
        <source>Nothing free in the next %n day(s) for these services.</source>
        <translation>
            <numerusform>Nothing free in the next day for these services.</numerusform>
            <numerusform>Nothing free in the next %n days for these services.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>chairside::SyncStatus</name>
    <message numerus="yes">
        <source>Offline — %n change(s) waiting to sync</source>
        <translation>
            <numerusform>Offline — %n change waiting to sync</numerusform>
            <numerusform>Offline — %n changes waiting to sync</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sync failed, trying again — %n change(s) waiting to sync</source>
        <translation>
            <numerusform>Sync failed, trying again — %n change waiting to sync</numerusform>
            <numerusform>Sync failed, trying again — %n changes waiting to sync</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n change(s) waiting to sync</source>
        <translation>
            <numerusform> · %n change waiting to sync</numerusform>
            <numerusform> · %n changes waiting to sync</numerusform>
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
<context>
    <name>chairside::WalkInDialog</name>
    <message numerus="yes">
        <source>%1 (%n min)</source>
        <translation>
            <numerusform>%1 (%n min)</numerusform>
            <numerusform>%1 (%n min)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stylist(s) free now.</source>
        <translation>
            <numerusform>%n stylist free now.</numerusform>
            <numerusform>%n stylists free now.</numerusform>
        </translation>
    </message>
</context>
</TS>
