// Demo people and team: the CLB user and coordinators that the database seed gives their roles
// in local mode, and that the Agents Playground set-up (playground/demo.ts re-exports this
// file; `.m365agentsplayground.yml` is rendered from it) uses as its mock users and team.
// Here and not in playground/ because production code (db/seed.ts) needs them.
//
// The ids are the ones the playground puts in activities: `from.aadObjectId` is the
// person's aadObjectId, `channelData.tenant.id` is tenantId, `channelData.team.id` is
// teamId (also the General channel's conversation id) and `channelData.channel.id` is
// dispatchChannelId. Emails use the reserved `.example` domain on purpose.
//
// The seed recognises demo people by these aadObjectIds: it refuses to add them to a database
// that holds anyone else (see db/seed.ts), so change an id only together with the seed.

export type DemoRole = 'CLB_STAFF' | 'COORDINATOR';
export type PartnerCode = 'APART' | 'LEJO' | 'INTRO' | 'JES';

export interface DemoPerson {
  aadObjectId: string;
  name: string;
  email: string;
  role: DemoRole;
  /** The partner organisations a coordinator works for (one demo coordinator has two). */
  organisationCodes?: readonly PartnerCode[];
  clbName?: string;
}

export interface DemoTeam {
  teamId: string;
  name: string;
  dispatchChannelId: string;
  dispatchChannelName: string;
  tenantId: string;
}

/** Display names of the partner organisations, as the sector writes them. */
export const partnerOrganisationNames: Readonly<Record<PartnerCode, string>> = {
  APART: 'aPart',
  LEJO: 'LEJO',
  INTRO: 'Groep INTRO',
  JES: 'JES',
};

const tenantId = '49b70a79-63c0-4919-b15e-f83ad630ec36';

// The playground's current user: the only one with a 1:1 chat with the bot.
export const demoCurrentUser: DemoPerson = {
  aadObjectId: 'ccf32a3e-9e13-408d-ba4d-aeeff19edec6',
  name: 'Sofie Claes',
  email: 'sofie.claes@clb-gent.example',
  role: 'CLB_STAFF',
  clbName: 'CLB Gent',
};

export const demoPeople: ReadonlyArray<DemoPerson> = [
  demoCurrentUser,
  {
    aadObjectId: 'bfb37f69-0532-4073-b39a-dc3e212fbc16',
    name: 'Lotte Vermeulen',
    email: 'lotte.vermeulen@apart.example',
    role: 'COORDINATOR',
    organisationCodes: ['APART'],
  },
  {
    aadObjectId: 'a6ea7d9f-7753-4208-98e6-b701fbcf9d32',
    name: 'Pieter De Smet',
    email: 'pieter.desmet@lejo.example',
    role: 'COORDINATOR',
    organisationCodes: ['LEJO', 'JES'],
  },
  {
    aadObjectId: 'a539fdc5-5631-45e7-b6a3-6ebe99ba05d0',
    name: 'Nadia Benali',
    email: 'nadia.benali@groepintro.example',
    role: 'COORDINATOR',
    organisationCodes: ['INTRO'],
  },
  {
    aadObjectId: 'a035b33d-9070-4c76-a4b6-196e69571440',
    name: 'Wout Van Damme',
    email: 'wout.vandamme@jes.example',
    role: 'COORDINATOR',
    organisationCodes: ['JES'],
  },
  // The playground's config schema demands exactly five `users` besides the current
  // user, and makes all of them team members. The fifth is a second CLB staff member:
  // handy to check that the bot trusts its own role data, not team membership.
  {
    aadObjectId: 'cbc208dd-c97c-4290-83bb-9db7356973a9',
    name: 'Youssef El Amrani',
    email: 'youssef.elamrani@clb-deinze.example',
    role: 'CLB_STAFF',
    clbName: 'CLB Deinze',
  },
];

export const demoTeam: DemoTeam = {
  // Teams-shaped ids ("19:…@thread.tacv2"); readable so logs are easy to follow.
  teamId: '19:naft-gent-en-rand-general@thread.tacv2',
  name: 'NAFT Gent en Rand',
  dispatchChannelId: '19:naft-gent-en-rand-dispatch@thread.tacv2',
  dispatchChannelName: 'Dispatch',
  tenantId,
};

/**
 * The demo's referral history for the reports (db/seed.ts seedDemoReports): how many, by whom
 * (Youssef, so Sofie's own list in the playground stays empty), how they spread over the
 * partners (JES few on purpose: some figures show "< 5"), and the streefcijfers of this year.
 */
export const demoReportHistory = {
  referrals: 320,
  referrerAadObjectId: 'cbc208dd-c97c-4290-83bb-9db7356973a9',
  organisations: [
    { code: 'APART', weight: 4 },
    { code: 'LEJO', weight: 3 },
    { code: 'INTRO', weight: 2.5 },
    { code: 'JES', weight: 0.12 },
  ],
  targets: [
    { code: 'APART', target: 110 },
    { code: 'LEJO', target: 80 },
    { code: 'INTRO', target: 70 },
    { code: 'JES', target: 12 },
  ],
} as const;
