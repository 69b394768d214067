// Every text the register's screens show. Swedish is the source language; `en` must have exactly
// the same keys (the type enforces it) and the same `{placeholders}` (a unit test enforces that).

export const languages = ['sv', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'sv';

export const sv = {
  'app.name': 'Kassa',
  'app.title': 'Kassa',

  'language.label': 'Språk',
  'language.sv': 'Svenska',
  'language.en': 'English',

  'common.retry': 'Försök igen',
  'common.back': 'Tillbaka',

  'error.title': 'Det gick inte',
  'error.network':
    'Kassaprogrammet på den här datorn svarar inte. Kontrollera att det är igång (kassa start) och försök igen.',
  'error.unexpected': 'Något gick fel (HTTP {status}). Försök igen om en stund.',

  'password.toggleVisibility': 'Visa eller dölj lösenordet',

  'role.admin': 'Administratör',
  'role.manager': 'Butikschef',
  'role.cashier': 'Kassör',

  'service.checking': 'Startar kassan …',
  'service.unreachableTitle': 'Kassaprogrammet svarar inte',
  'service.unreachableBody':
    'Skärmen får ingen kontakt med kassaprogrammet på den här datorn. Starta programmet (kassa start) eller starta om datorn. Skärmen försöker igen av sig själv.',

  'header.company': 'Företag',
  'header.terminal': 'Terminal',
  'header.registerId': 'Kassabeteckning',

  'statusBar.label': 'Kassans status',
  'statusBar.online': 'Online',
  'statusBar.offline': 'Offline – senaste kontakt med servern {time}',
  'statusBar.noContactYet': 'Ingen kontakt med servern ännu',
  'statusBar.serviceDown': 'Ingen kontakt med kassaprogrammet',
  'statusBar.terminal': 'Terminal: {name} ({registerId})',
  'statusBar.notConnected': 'Kassan är inte ansluten',
  'statusBar.version': 'Version {version}',

  'setup.title': 'Anslut kassan',
  'setup.intro':
    'Koppla den här datorn till en terminal i er miljö. Det görs en gång, när kassan installeras.',
  'setup.methodLabel': 'Sätt att ansluta',
  'setup.methodPassword': 'Med administratörskonto',
  'setup.methodCode': 'Jag har en parkopplingskod',
  'setup.address': 'Adress',
  'setup.addressPlaceholder': 'https://dinmiljo.kassa.se',
  'setup.addressHelp':
    'Början av adressen till ert backoffice, som den står i webbläsaren. Den måste börja med https://.',
  'setup.addressOptionalHelp':
    'Behövs bara om kassan inte installerades från nedladdningen i backoffice. Den måste börja med https://.',
  'setup.username': 'Användarnamn',
  'setup.password': 'Lösenord',
  'setup.credentialsHelp': 'Användaren måste vara administratör i backoffice.',
  'setup.submit': 'Anslut',
  'setup.errorTitle': 'Det gick inte att ansluta',
  'setup.registerProblemTitle': 'Kassaprogrammet behöver åtgärdas',
  'setup.missingCredentials': 'Fyll i adress, användarnamn och lösenord.',
  'setup.addressWithoutScheme':
    'Adressen måste börja med https://, till exempel https://dinmiljo.kassa.se. Kopiera den från webbläsaren där backoffice är öppet.',
  'setup.code': 'Parkopplingskod',
  'setup.codePlaceholder': 'XXXX-XXXX-XXXX',
  'setup.codeHelp':
    'Koden visas i backoffice när installationsprogrammet laddas ner. Den gäller i 24 timmar och kan bara användas en gång.',
  'setup.codeIncomplete':
    'Parkopplingskoden ska ha tolv tecken i formen XXXX-XXXX-XXXX, till exempel ABCD-EFGH-JKLM.',
  'setup.codeNoPassword': 'Med koden behöver inget administratörslösenord skrivas på kassan.',

  'terminals.title': 'Välj terminal',
  'terminals.intro':
    'Välj vilken terminal i {company} den här datorn ska vara. Terminaler som redan är kopplade till en annan dator kan inte väljas.',
  'terminals.listLabel': 'Terminaler',
  'terminals.registerId': 'Kassabeteckning {registerId}',
  'terminals.free': 'Terminalen är inte ansluten till någon hårdvara',
  'terminals.boundTo': 'Kopplad till {pcName}',
  'terminals.inactive': 'Inaktiverad i backoffice',
  'terminals.none':
    'Det finns inga terminaler i miljön. Lägg till en under Terminaler och kassor i backoffice och försök igen.',
  'terminals.noneFree':
    'Alla terminaler är redan kopplade till en dator. Välj "Ta bort koppling mot hårdvara" i backoffice bara om den gamla datorn har kraschat eller byts ut, eller utöka licensen.',
  'terminals.chooseFirst': 'Välj en terminal i listan först.',
  'terminals.connect': 'Anslut till vald terminal',
  'terminals.reload': 'Uppdatera listan',

  'signIn.title': 'Logga in',
  'signIn.intro': 'Skriv ditt användarnamn och din PIN-kod.',
  'signIn.username': 'Användarnamn',
  'signIn.pin': 'PIN-kod',
  'signIn.keypad': 'Knappsats',
  'signIn.backspace': 'Radera siffra',
  'signIn.ok': 'OK',
  'signIn.errorTitle': 'Inloggningen misslyckades',
  'signIn.registerProblemTitle': 'Kassan kan inte sälja just nu',
  'signIn.missingUsername': 'Skriv ditt användarnamn först.',
  'signIn.pinTooShort': 'PIN-koden har 4–8 siffror. Skriv hela koden och tryck OK.',

  'sales.signedInAs': 'Inloggad som {name}',
  'sales.signOut': 'Logga ut',
  'sales.comingTitle': 'Försäljning kommer i nästa version',
  'sales.comingBody':
    'Kassan är ansluten och du är inloggad. Här kommer du att sälja, ta betalt och skriva ut kvitton.',

  'bindingRemoved.title': 'Kassan är inte längre kopplad till terminalen',
  'bindingRemoved.message':
    'Kopplingen mellan den här datorn och terminalen har tagits bort i backoffice. Kassan kan inte sälja här längre. Anslut på nytt (kassa connect) om datorn ska användas som kassa.',
} as const;

export type MessageKey = keyof typeof sv;
export type Messages = Record<MessageKey, string>;

export const en: Messages = {
  'app.name': 'Kassa',
  'app.title': 'Kassa',

  'language.label': 'Language',
  'language.sv': 'Svenska',
  'language.en': 'English',

  'common.retry': 'Try again',
  'common.back': 'Back',

  'error.title': 'That did not work',
  'error.network':
    'The register program on this computer does not answer. Check that it is running (kassa start) and try again.',
  'error.unexpected': 'Something went wrong (HTTP {status}). Please try again shortly.',

  'password.toggleVisibility': 'Show or hide the password',

  'role.admin': 'Administrator',
  'role.manager': 'Store manager',
  'role.cashier': 'Cashier',

  'service.checking': 'Starting the register …',
  'service.unreachableTitle': 'The register program does not answer',
  'service.unreachableBody':
    'The screen cannot reach the register program on this computer. Start the program (kassa start) or restart the computer. The screen keeps trying by itself.',

  'header.company': 'Company',
  'header.terminal': 'Terminal',
  'header.registerId': 'Register designation',

  'statusBar.label': 'Register status',
  'statusBar.online': 'Online',
  'statusBar.offline': 'Offline – last contact with the server {time}',
  'statusBar.noContactYet': 'No contact with the server yet',
  'statusBar.serviceDown': 'No contact with the register program',
  'statusBar.terminal': 'Terminal: {name} ({registerId})',
  'statusBar.notConnected': 'The register is not connected',
  'statusBar.version': 'Version {version}',

  'setup.title': 'Connect the register',
  'setup.intro':
    'Bind this computer to a terminal in your environment. This is done once, when the register is installed.',
  'setup.methodLabel': 'Way to connect',
  'setup.methodPassword': 'With an administrator account',
  'setup.methodCode': 'I have a pairing code',
  'setup.address': 'Address',
  'setup.addressPlaceholder': 'https://dinmiljo.kassa.se',
  'setup.addressHelp':
    'The beginning of your backoffice address, as shown in the browser. It must start with https://.',
  'setup.addressOptionalHelp':
    'Only needed if the register was not installed from the backoffice download. It must start with https://.',
  'setup.username': 'Username',
  'setup.password': 'Password',
  'setup.credentialsHelp': 'The user must be an administrator in the backoffice.',
  'setup.submit': 'Connect',
  'setup.errorTitle': 'Could not connect',
  'setup.registerProblemTitle': 'The register program needs attention',
  'setup.missingCredentials': 'Enter the address, username and password.',
  'setup.addressWithoutScheme':
    'The address must start with https://, for example https://dinmiljo.kassa.se. Copy it from the browser where the backoffice is open.',
  'setup.code': 'Pairing code',
  'setup.codePlaceholder': 'XXXX-XXXX-XXXX',
  'setup.codeHelp':
    'The code is shown in the backoffice when the installer is downloaded. It is valid for 24 hours and can be used once.',
  'setup.codeIncomplete':
    'The pairing code has twelve characters in the form XXXX-XXXX-XXXX, for example ABCD-EFGH-JKLM.',
  'setup.codeNoPassword': 'With the code, no administrator password is typed on the register.',

  'terminals.title': 'Choose a terminal',
  'terminals.intro':
    'Choose which terminal in {company} this computer is to be. Terminals already bound to another computer cannot be chosen.',
  'terminals.listLabel': 'Terminals',
  'terminals.registerId': 'Register designation {registerId}',
  'terminals.free': 'The terminal is not bound to any hardware',
  'terminals.boundTo': 'Bound to {pcName}',
  'terminals.inactive': 'Deactivated in the backoffice',
  'terminals.none':
    'There are no terminals in the environment. Add one under Terminals and registers in the backoffice and try again.',
  'terminals.noneFree':
    'Every terminal is already bound to a computer. Use "Remove hardware binding" in the backoffice only if the old computer crashed or is being replaced, or extend the licence.',
  'terminals.chooseFirst': 'Choose a terminal in the list first.',
  'terminals.connect': 'Connect to the chosen terminal',
  'terminals.reload': 'Reload the list',

  'signIn.title': 'Sign in',
  'signIn.intro': 'Enter your username and your PIN.',
  'signIn.username': 'Username',
  'signIn.pin': 'PIN',
  'signIn.keypad': 'Keypad',
  'signIn.backspace': 'Delete digit',
  'signIn.ok': 'OK',
  'signIn.errorTitle': 'Sign-in failed',
  'signIn.registerProblemTitle': 'The register cannot sell right now',
  'signIn.missingUsername': 'Enter your username first.',
  'signIn.pinTooShort': 'The PIN has 4–8 digits. Enter the whole PIN and press OK.',

  'sales.signedInAs': 'Signed in as {name}',
  'sales.signOut': 'Sign out',
  'sales.comingTitle': 'Selling comes in the next version',
  'sales.comingBody':
    'The register is connected and you are signed in. This is where you will sell, take payment and print receipts.',

  'bindingRemoved.title': 'The register is no longer bound to the terminal',
  'bindingRemoved.message':
    'The binding between this computer and the terminal was removed in the backoffice. The register can no longer sell here. Connect again (kassa connect) if this computer is to be used as a register.',
};

export const dictionaries: Record<Language, Messages> = { sv, en };
