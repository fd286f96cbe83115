<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="sv_SE">
<context>
    <name>AttractPage</name>
    <message>
        <location filename="../attract.py" line="70" />
        <source>Touch the screen to design your own furniture</source>
        <translation>Rör vid skärmen och skapa dina egna möbler</translation>
    </message>
</context>
<context>
    <name>ChoicePanel</name>
    <message>
        <source>Add beside this part</source>
        <translation>Lägg till bredvid den här delen</translation>
    </message>
    <message>
        <source>Remove this part</source>
        <translation>Ta bort den här delen</translation>
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
        <translation>Möbeln behöver minst en del.</translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation>Inte tillgängligt: %1</translation>
    </message>
    <message>
        <source>the workshop cannot make the design with this choice.</source>
        <translation>verkstaden kan inte tillverka designen med det här valet.</translation>
    </message>
    <message>
        <source>We make this unit from %1 to %2 wide.</source>
        <translation>Den här delen finns i bredder från %1 till %2.</translation>
    </message>
    <message>
        <source>We make this unit from %1 to %2 tall.</source>
        <translation>Den här delen finns i höjder från %1 till %2.</translation>
    </message>
    <message>
        <source>We make this unit from %1 to %2 deep.</source>
        <translation>Den här delen finns i djup från %1 till %2.</translation>
    </message>
    <message>
        <source>There are no shelves to take out.</source>
        <translation>Det finns inga hyllor att ta bort.</translation>
    </message>
    <message>
        <source>At most %1 shelves fit in this unit.</source>
        <translation>Högst %1 hyllor får plats i den här delen.</translation>
    </message>
    <message>
        <source>One drawer is the fewest. For none, choose Open or a door.</source>
        <translation>En låda är det minsta. Välj Öppen eller en dörr för inga lådor.</translation>
    </message>
    <message>
        <location filename="../choices.py" line="133" />
        <source>Which part?</source>
        <translation>Vilken del?</translation>
    </message>
    <message>
        <location filename="../choices.py" line="134" />
        <source>Size</source>
        <translation>Storlek</translation>
    </message>
    <message>
        <location filename="../choices.py" line="135" />
        <source>Inside</source>
        <translation>Invändigt</translation>
    </message>
    <message>
        <location filename="../choices.py" line="136" />
        <source>Fronts</source>
        <translation>Fronter</translation>
    </message>
    <message>
        <location filename="../choices.py" line="137" />
        <source>Colour of the cabinets</source>
        <translation>Skåpens färg</translation>
    </message>
    <message>
        <location filename="../choices.py" line="137" />
        <source>Colour of the fronts</source>
        <translation>Fronternas färg</translation>
    </message>
    <message>
        <location filename="../choices.py" line="138" />
        <source>Colour of the top</source>
        <translation>Toppskivans färg</translation>
    </message>
    <message>
        <location filename="../choices.py" line="138" />
        <source>Colour of the base</source>
        <translation>Sockelns färg</translation>
    </message>
    <message>
        <location filename="../choices.py" line="141" />
        <source>Handles</source>
        <translation>Handtag</translation>
    </message>
    <message>
        <location filename="../choices.py" line="142" />
        <source>Legs</source>
        <translation>Ben</translation>
    </message>
    <message>
        <location filename="../choices.py" line="143" />
        <source>Plinth height</source>
        <translation>Sockelhöjd</translation>
    </message>
    <message>
        <location filename="../choices.py" line="144" />
        <source>Width</source>
        <translation>Bredd</translation>
    </message>
    <message>
        <location filename="../choices.py" line="145" />
        <source>Height</source>
        <translation>Höjd</translation>
    </message>
    <message>
        <location filename="../choices.py" line="146" />
        <source>Depth</source>
        <translation>Djup</translation>
    </message>
    <message>
        <location filename="../choices.py" line="147" />
        <source>Shelves</source>
        <translation>Hyllplan</translation>
    </message>
    <message>
        <location filename="../choices.py" line="148" />
        <location filename="../choices.py" line="188" />
        <source>Drawers</source>
        <translation>Lådor</translation>
    </message>
    <message>
        <location filename="../choices.py" line="158" />
        <source>Part %1</source>
        <translation>Del %1</translation>
    </message>
    <message>
        <location filename="../choices.py" line="165" />
        <source>Which part? Now: %1</source>
        <translation>Vilken del? Nu: %1</translation>
    </message>
    <message>
        <location filename="../choices.py" line="187" />
        <source>Open</source>
        <translation>Öppen</translation>
    </message>
    <message>
        <location filename="../choices.py" line="187" />
        <source>One door</source>
        <translation>En dörr</translation>
    </message>
    <message>
        <location filename="../choices.py" line="187" />
        <source>Two doors</source>
        <translation>Två dörrar</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../done_page.py" line="63" />
        <source>Thank you!</source>
        <translation>Tack!</translation>
    </message>
    <message>
        <location filename="../done_page.py" line="64" />
        <source>Your order code</source>
        <translation>Din orderkod</translation>
    </message>
    <message>
        <location filename="../done_page.py" line="65" />
        <source>Show or read this code at the counter, or scan it with your phone to keep it. We need no name, phone number or e-mail.</source>
        <translation>Visa eller läs upp koden i kassan, eller skanna den med telefonen för att spara den. Vi behöver inget namn, telefonnummer eller e-post.</translation>
    </message>
    <message>
        <location filename="../done_page.py" line="67" />
        <source>Done</source>
        <translation>Klar</translation>
    </message>
</context>
<context>
    <name>EditorPage</name>
    <message>
        <source>⟲ Reset view</source>
        <translation>⟲ Återställ vyn</translation>
    </message>
    <message>
        <location filename="../editor_page.py" line="127" />
        <source>That change is not possible.</source>
        <translation>Den ändringen går inte att göra.</translation>
    </message>
    <message>
        <location filename="../editor_page.py" line="133" />
        <source>↶ Undo</source>
        <translation>↶ Ångra</translation>
    </message>
    <message>
        <location filename="../editor_page.py" line="134" />
        <source>Finish</source>
        <translation>Slutför</translation>
    </message>
    <message>
        <location filename="../editor_page.py" line="145" />
        <source>Ready in %1</source>
        <translation>Klar om %1</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <source>A shelf is at the height of a door hinge: the workshop sets it one hole higher or lower.</source>
        <translation>En hylla sitter i höjd med ett dörrgångjärn: verkstaden flyttar den ett hål upp eller ner.</translation>
    </message>
    <message>
        <source>A shelf is between the holes for its pins: it will sit on the nearest hole.</source>
        <translation>En hylla sitter mellan hålen för hyllbärarna: den hamnar på närmaste hål.</translation>
    </message>
    <message>
        <source>The handle would be screwed into the drawer's side: the workshop moves it a little.</source>
        <translation>Handtaget skulle skruvas in i lådans sida: verkstaden flyttar det en aning.</translation>
    </message>
    <message>
        <source>Two parts would be in the same place.</source>
        <translation>Två delar skulle hamna på samma ställe.</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="42" />
        <source>This shelf would sag %1 mm under its load; we allow %2 mm. A thicker board or a narrower unit helps.</source>
        <translation>Hyllplanet skulle böja sig %1 mm under lasten; vi tillåter %2 mm. En tjockare skiva eller en smalare enhet hjälper.</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="45" />
        <source>This unit is fixed to the wall so it cannot tip over. The wall anchor kit is included.</source>
        <translation>Enheten fästs i väggen så att den inte kan välta. Väggförankringen ingår.</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="47" />
        <source>This unit would need fixing to the wall, but it cannot be anchored.</source>
        <translation>Enheten skulle behöva fästas i väggen, men den kan inte förankras.</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="49" />
        <source>A door %1 mm wide is wider than our hinges hold (%2 mm): choose two doors.</source>
        <translation>En dörr som är %1 mm bred är bredare än våra gångjärn klarar (%2 mm): välj två dörrar.</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="51" />
        <source>This door is too heavy or too tall for our hinges: choose two doors or a lower unit.</source>
        <translation>Dörren är för tung eller för hög för våra gångjärn: välj två dörrar eller en lägre enhet.</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="53" />
        <source>The drawer runners do not fit this unit's depth.</source>
        <translation>Lådskenorna passar inte enhetens djup.</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="55" />
        <source>A full drawer this size holds about %1 kg; its runners carry %2 kg.</source>
        <translation>En full låda i den här storleken rymmer cirka %1 kg; skenorna bär %2 kg.</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="57" />
        <source>Two parts would be in the same place (%1).</source>
        <translation>Två delar skulle hamna på samma ställe (%1).</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="59" />
        <source>This unit would be %1 mm tall; we build up to %2 mm.</source>
        <translation>Enheten skulle bli %1 mm hög; vi bygger upp till %2 mm.</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="61" />
        <source>This unit will be assembled upright in your room.</source>
        <translation>Enheten monteras stående i ditt rum.</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="63" />
        <source>The %1 cannot be made at this size.</source>
        <translation>%1 kan inte tillverkas i den här storleken.</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="64" />
        <source>The workshop has to look at this design (%1).</source>
        <translation>Verkstaden behöver titta på den här designen (%1).</translation>
    </message>
    <message numerus="yes">
        <location filename="../feedback.py" line="73" />
        <source>%n problem(s) to solve</source>
        <translation>
            <numerusform>%n problem att lösa</numerusform><numerusform>%n problem att lösa</numerusform></translation>
    </message>
    <message>
        <location filename="../feedback.py" line="74" />
        <source>Ready to order</source>
        <translation>Klar att beställa</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="125" />
        <source>Part %1</source>
        <translation>Del %1</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="126" />
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../feedback.py" line="127" />
        <source>Parts %1 and %2</source>
        <translation>Del %1 och %2</translation>
    </message>
    <message>
        <location filename="../feedback.py" line="154" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <source>Same price</source>
        <translation>Samma pris</translation>
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
            <numerusform>%n arbetsdag</numerusform><numerusform>%n arbetsdagar</numerusform></translation>
    </message>
    <message>
        <location filename="../i18n.py" line="126" />
        <source>W %1 × H %2 × D %3 mm</source>
        <translation>B %1 × H %2 × D %3 mm</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../window.py" line="179" />
        <source>Sorry, the order could not be stored. Please ask our staff.</source>
        <translation>Tyvärr kunde beställningen inte sparas. Fråga vår personal.</translation>
    </message>
    <message>
        <location filename="../window.py" line="225" />
        <source>Start over</source>
        <translation>Börja om</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../admin.py" line="84" />
        <source>Staff only: enter the PIN</source>
        <translation>Endast personal: ange PIN-koden</translation>
    </message>
    <message>
        <location filename="../admin.py" line="85" />
        <source>Clear</source>
        <translation>Rensa</translation>
    </message>
    <message>
        <location filename="../admin.py" line="86" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../admin.py" line="87" />
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../admin.py" line="102" />
        <source>Too many wrong PINs. Wait a minute and try again.</source>
        <translation>För många felaktiga PIN-koder. Vänta en minut och försök igen.</translation>
    </message>
    <message>
        <location filename="../admin.py" line="110" />
        <source>Wrong PIN.</source>
        <translation>Fel PIN-kod.</translation>
    </message>
</context>
<context>
    <name>ScreenKeyboard</name>
    <message>
        <location filename="../keyboard.py" line="39" />
        <source>space</source>
        <translation>mellanslag</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="40" />
        <source>next field</source>
        <translation>nästa fält</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../admin.py" line="196" />
        <source>Kiosk settings</source>
        <translation>Kioskinställningar</translation>
    </message>
    <message>
        <location filename="../admin.py" line="197" />
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../admin.py" line="198" />
        <source>Ask "Are you still there?" after</source>
        <translation>Fråga ”Är du kvar?” efter</translation>
    </message>
    <message>
        <location filename="../admin.py" line="200" />
        <source>Then start afresh after</source>
        <translation>Börja sedan om efter</translation>
    </message>
    <message>
        <location filename="../admin.py" line="202" />
        <source>Turn a preset on the idle screen after</source>
        <translation>Visa en snurrande möbel på viloskärmen efter</translation>
    </message>
    <message>
        <location filename="../admin.py" line="204" />
        <source>Languages offered</source>
        <translation>Språk som erbjuds</translation>
    </message>
    <message>
        <location filename="../admin.py" line="208" />
        <source>Ask for contact details (optional for the customer, stored encrypted)</source>
        <translation>Be om kontaktuppgifter (frivilligt för kunden, sparas krypterat)</translation>
    </message>
    <message>
        <location filename="../admin.py" line="209" />
        <source>No</source>
        <translation>Nej</translation>
    </message>
    <message>
        <location filename="../admin.py" line="209" />
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location filename="../admin.py" line="210" />
        <source>Orders are stored in %1 (change it in the settings file).</source>
        <translation>Beställningar sparas i %1 (ändra det i inställningsfilen).</translation>
    </message>
    <message>
        <location filename="../admin.py" line="212" />
        <source>Leave kiosk mode</source>
        <translation>Lämna kioskläget</translation>
    </message>
    <message>
        <location filename="../admin.py" line="213" />
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../admin.py" line="214" />
        <source>Save</source>
        <translation>Spara</translation>
    </message>
</context>
<context>
    <name>StartOverQuestion</name>
    <message>
        <location filename="../start_over.py" line="92" />
        <source>Start over?</source>
        <translation>Börja om?</translation>
    </message>
    <message>
        <location filename="../start_over.py" line="93" />
        <source>Your design will be lost.</source>
        <translation>Din design försvinner.</translation>
    </message>
    <message>
        <location filename="../start_over.py" line="94" />
        <source>No, keep my design</source>
        <translation>Nej, behåll min design</translation>
    </message>
    <message>
        <location filename="../start_over.py" line="95" />
        <source>Yes, start over</source>
        <translation>Ja, börja om</translation>
    </message>
</context>
<context>
    <name>StillThere</name>
    <message>
        <location filename="../idle.py" line="104" />
        <source>Are you still there?</source>
        <translation>Är du kvar?</translation>
    </message>
    <message numerus="yes">
        <location filename="../idle.py" line="105" />
        <source>The screen starts afresh in %n second(s) and your design is deleted.</source>
        <translation>
            <numerusform>Skärmen börjar om om %n sekund och din design raderas.</numerusform><numerusform>Skärmen börjar om om %n sekunder och din design raderas.</numerusform></translation>
    </message>
    <message>
        <location filename="../idle.py" line="107" />
        <source>Yes, I am still here</source>
        <translation>Ja, jag är kvar</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>%1. %2, %3</source>
        <translation>%1. %2, %3</translation>
    </message>
    <message>
        <location filename="../summary_page.py" line="128" />
        <source>Your design</source>
        <translation>Din design</translation>
    </message>
    <message>
        <location filename="../summary_page.py" line="129" />
        <source>What is included</source>
        <translation>Det här ingår</translation>
    </message>
    <message>
        <location filename="../summary_page.py" line="130" />
        <source>Back to the design</source>
        <translation>Tillbaka till designen</translation>
    </message>
    <message>
        <location filename="../summary_page.py" line="131" />
        <source>Order and get my code</source>
        <translation>Beställ och få min kod</translation>
    </message>
    <message>
        <location filename="../summary_page.py" line="132" />
        <source>Optional: leave a name and a phone number or e-mail if you would like us to contact you. You can also just take the code.</source>
        <translation>Frivilligt: lämna namn och telefonnummer eller e-post om du vill att vi kontaktar dig. Du kan också bara ta koden.</translation>
    </message>
    <message>
        <location filename="../summary_page.py" line="134" />
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <location filename="../summary_page.py" line="135" />
        <source>Phone or e-mail</source>
        <translation>Telefon eller e-post</translation>
    </message>
    <message>
        <location filename="../summary_page.py" line="146" />
        <source>%1 including VAT</source>
        <translation>%1 inklusive moms</translation>
    </message>
    <message>
        <location filename="../summary_page.py" line="148" />
        <source>Ready in %1</source>
        <translation>Klar om %1</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../welcome.py" line="115" />
        <source>What would you like to furnish?</source>
        <translation>Vad vill du inreda?</translation>
    </message>
    <message>
        <location filename="../welcome.py" line="116" />
        <source>Choose a starting point. You can change its size, inside, fronts and colours next.</source>
        <translation>Välj en utgångspunkt. Sedan kan du ändra storlek, inredning, fronter och färger.</translation>
    </message>
    <message>
        <location filename="../welcome.py" line="118" />
        <source>Touch a picture to start. Your design is not kept after you leave.</source>
        <translation>Rör vid en bild för att börja. Din design sparas inte när du går.</translation>
    </message>
    <message>
        <location filename="../welcome.py" line="126" />
        <source>As shown: %1</source>
        <translation>Som på bilden: %1</translation>
    </message>
</context>
</TS>