// Every text the backoffice shows. Swedish is the source language; `en` must have exactly the same
// keys (the type enforces it) and the same `{placeholders}` (a unit test enforces that).

export const languages = ['sv', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'sv';

export const sv = {
  'app.name': 'Kassa',
  'app.backoffice': 'Backoffice',
  'app.title': 'Kassa – Backoffice',

  'language.label': 'Språk',
  'language.sv': 'Svenska',
  'language.en': 'English',

  'nav.label': 'Huvudmeny',
  'nav.toggle': 'Visa eller dölj menyn',
  'nav.start': 'Start',
  'nav.terminals': 'Terminaler och kassor',
  'nav.users': 'Användare',
  'nav.products': 'Produkter',
  'nav.sales': 'Försäljning',
  'nav.reports': 'Rapporter',
  'nav.settings': 'Inställningar',

  'header.signedInAs': 'Inloggad som {name}',
  'header.signOut': 'Logga ut',

  'role.admin': 'Administratör',
  'role.manager': 'Butikschef',
  'role.cashier': 'Kassör',

  'common.loading': 'Laddar …',
  'common.cancel': 'Avbryt',
  'common.save': 'Spara',
  'common.retry': 'Försök igen',
  'common.close': 'Stäng',
  'common.yes': 'Ja',
  'common.no': 'Nej',

  'error.network': 'Kunde inte nå servern. Kontrollera anslutningen och försök igen.',
  'error.unexpected': 'Något gick fel (HTTP {status}). Försök igen om en stund.',
  'error.title': 'Det gick inte',

  'password.toggleVisibility': 'Visa eller dölj lösenordet',

  'login.title': 'Logga in',
  'login.intro': 'Logga in för att hantera butiken.',
  'login.username': 'Användarnamn',
  'login.password': 'Lösenord',
  'login.submit': 'Logga in',
  'login.missingFields': 'Fyll i både användarnamn och lösenord.',
  'login.checkingSession': 'Kontrollerar inloggningen …',

  'start.greeting': 'Välkommen, {name}!',
  'start.intro': 'Här hanterar du kassor, användare, produkter och rapporter för {company}.',
  'start.environment': 'Miljö',
  'start.company': 'Företag',
  'start.environmentId': 'Miljö-id',
  'start.signedInAs': 'Inloggad som',
  'start.role': 'Roll',

  'comingSoon.title': 'Kommer snart',
  'comingSoon.body': 'Den här delen av backoffice håller på att byggas. Titta gärna in igen snart!',

  'notFound.title': 'Sidan finns inte',
  'notFound.body': 'Adressen {path} leder inte till någon sida.',
  'notFound.home': 'Till startsidan',

  'cashier.title': 'Kassörer använder kassan',
  'cashier.body':
    'Du är inloggad som kassör. Försäljning görs i kassan – backoffice är till för administratörer och butikschefer. Be en administratör om du behöver mer behörighet.',

  'users.title': 'Användare',
  'users.intro': 'Personer som kan logga in i backoffice och i kassan.',
  'users.adminOnly': 'Bara administratörer kan hantera användare.',
  'users.create': 'Ny användare',
  'users.empty': 'Det finns inga användare ännu.',
  'users.tableLabel': 'Användare',
  'users.column.username': 'Användarnamn',
  'users.column.displayName': 'Namn',
  'users.column.role': 'Roll',
  'users.column.status': 'Status',
  'users.column.actions': 'Åtgärder',
  'users.status.active': 'Aktiv',
  'users.status.inactive': 'Inaktiv',
  'users.actionsFor': 'Åtgärder för {username}',
  'users.action.changeRole': 'Ändra roll',
  'users.action.resetPassword': 'Återställ lösenord',
  'users.action.deactivate': 'Inaktivera',
  'users.action.activate': 'Aktivera',
  'users.field.username': 'Användarnamn',
  'users.field.displayName': 'Namn',
  'users.field.role': 'Roll',
  'users.field.password': 'Lösenord',
  'users.field.newPassword': 'Nytt lösenord',
  'users.createModal.title': 'Ny användare',
  'users.createModal.submit': 'Skapa användare',
  'users.roleModal.title': 'Ändra roll för {username}',
  'users.passwordModal.title': 'Återställ lösenord för {username}',
  'users.passwordModal.body': 'Ge det nya lösenordet till personen på ett säkert sätt.',
  'users.passwordModal.submit': 'Byt lösenord',
  'users.deactivateModal.title': 'Inaktivera {username}?',
  'users.deactivateModal.body':
    '{name} kommer inte längre att kunna logga in. Du kan aktivera användaren igen senare.',
  'users.deactivateModal.submit': 'Inaktivera',
  'users.success.created': 'Användaren {username} skapades.',
  'users.success.roleChanged': 'Ny roll för {username}: {role}.',
  'users.success.passwordReset': 'Lösenordet för {username} är bytt.',
  'users.success.deactivated': '{username} är inaktiverad.',
  'users.success.activated': '{username} är aktiverad igen.',

  'settings.title': 'Inställningar',
  'settings.company': 'Företag',
  'settings.companyName': 'Företagsnamn',
  'settings.organisationNumber': 'Organisationsnummer',
  'settings.environmentId': 'Miljö-id',
  'settings.placesOfBusiness': 'Försäljningsställen',
  'settings.noPlacesOfBusiness': 'Inga försäljningsställen är registrerade.',
  'settings.place.name': 'Namn',
  'settings.place.address': 'Adress',
} as const;

export type MessageKey = keyof typeof sv;
export type Messages = Record<MessageKey, string>;

export const en: Messages = {
  'app.name': 'Kassa',
  'app.backoffice': 'Backoffice',
  'app.title': 'Kassa – Backoffice',

  'language.label': 'Language',
  'language.sv': 'Svenska',
  'language.en': 'English',

  'nav.label': 'Main menu',
  'nav.toggle': 'Show or hide the menu',
  'nav.start': 'Home',
  'nav.terminals': 'Terminals and registers',
  'nav.users': 'Users',
  'nav.products': 'Products',
  'nav.sales': 'Sales',
  'nav.reports': 'Reports',
  'nav.settings': 'Settings',

  'header.signedInAs': 'Signed in as {name}',
  'header.signOut': 'Sign out',

  'role.admin': 'Administrator',
  'role.manager': 'Store manager',
  'role.cashier': 'Cashier',

  'common.loading': 'Loading …',
  'common.cancel': 'Cancel',
  'common.save': 'Save',
  'common.retry': 'Try again',
  'common.close': 'Close',
  'common.yes': 'Yes',
  'common.no': 'No',

  'error.network': 'Could not reach the server. Check the connection and try again.',
  'error.unexpected': 'Something went wrong (HTTP {status}). Please try again shortly.',
  'error.title': 'That did not work',

  'password.toggleVisibility': 'Show or hide the password',

  'login.title': 'Sign in',
  'login.intro': 'Sign in to manage the store.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.missingFields': 'Enter both username and password.',
  'login.checkingSession': 'Checking sign-in …',

  'start.greeting': 'Welcome, {name}!',
  'start.intro': 'Manage registers, users, products and reports for {company} here.',
  'start.environment': 'Environment',
  'start.company': 'Company',
  'start.environmentId': 'Environment id',
  'start.signedInAs': 'Signed in as',
  'start.role': 'Role',

  'comingSoon.title': 'Coming soon',
  'comingSoon.body': 'This part of the backoffice is being built. Please check back soon!',

  'notFound.title': 'Page not found',
  'notFound.body': 'The address {path} does not lead to a page.',
  'notFound.home': 'Go to the home page',

  'cashier.title': 'Cashiers use the register',
  'cashier.body':
    'You are signed in as a cashier. Sales are made on the register – the backoffice is for administrators and store managers. Ask an administrator if you need more access.',

  'users.title': 'Users',
  'users.intro': 'People who can sign in to the backoffice and the register.',
  'users.adminOnly': 'Only administrators can manage users.',
  'users.create': 'New user',
  'users.empty': 'There are no users yet.',
  'users.tableLabel': 'Users',
  'users.column.username': 'Username',
  'users.column.displayName': 'Name',
  'users.column.role': 'Role',
  'users.column.status': 'Status',
  'users.column.actions': 'Actions',
  'users.status.active': 'Active',
  'users.status.inactive': 'Inactive',
  'users.actionsFor': 'Actions for {username}',
  'users.action.changeRole': 'Change role',
  'users.action.resetPassword': 'Reset password',
  'users.action.deactivate': 'Deactivate',
  'users.action.activate': 'Activate',
  'users.field.username': 'Username',
  'users.field.displayName': 'Name',
  'users.field.role': 'Role',
  'users.field.password': 'Password',
  'users.field.newPassword': 'New password',
  'users.createModal.title': 'New user',
  'users.createModal.submit': 'Create user',
  'users.roleModal.title': 'Change role for {username}',
  'users.passwordModal.title': 'Reset password for {username}',
  'users.passwordModal.body': 'Give the new password to the person in a safe way.',
  'users.passwordModal.submit': 'Change password',
  'users.deactivateModal.title': 'Deactivate {username}?',
  'users.deactivateModal.body':
    '{name} will no longer be able to sign in. You can activate the user again later.',
  'users.deactivateModal.submit': 'Deactivate',
  'users.success.created': 'The user {username} was created.',
  'users.success.roleChanged': 'New role for {username}: {role}.',
  'users.success.passwordReset': 'The password for {username} was changed.',
  'users.success.deactivated': '{username} is deactivated.',
  'users.success.activated': '{username} is active again.',

  'settings.title': 'Settings',
  'settings.company': 'Company',
  'settings.companyName': 'Company name',
  'settings.organisationNumber': 'Organisation number',
  'settings.environmentId': 'Environment id',
  'settings.placesOfBusiness': 'Places of business',
  'settings.noPlacesOfBusiness': 'No places of business are registered.',
  'settings.place.name': 'Name',
  'settings.place.address': 'Address',
};

export const dictionaries: Record<Language, Messages> = { sv, en };
