//! The words the demo data is made of: an agency's projects, tasks, teams, people and
//! the placeholder roles it plans with, in several scripts.

pub const COLORS: &[&str] = &[
    "#e36a00", "#2da608", "#06a893", "#c9806b", "#465bb3", "#9e5bd9", "#d94182", "#bf7000",
    "#4bc800", "#0b83d9", "#2f8fa8", "#a01aa5", "#d92b2b", "#525266", "#991102", "#566614",
];

pub const PROJECTS: &[&str] = &[
    "Rebrand",
    "Website redesign",
    "Mobile app v2",
    "Checkout revamp",
    "Spring campaign",
    "Annual report 2026",
    "Design system",
    "Customer portal",
    "Data warehouse migration",
    "Onboarding flow",
    "Trade fair booth",
    "Podcast season 3",
    "Internal tools",
    "Brand guidelines",
    "SEO audit",
    "Newsletter relaunch",
    "Loyalty programme",
    "Accessibility review",
    "Product launch: Aurora",
    "Kiosk software",
    "Intranet refresh",
    "Video series",
    "Pricing page tests",
    "Partner API",
    "Retail signage",
    "Café Løvenhjerte identity",
    "東京 showroom",
    "Social media Q3",
    "Recruiting microsite",
    "Platform upkeep",
    "Help centre",
    "Investor deck",
];

pub const TASKS: &[&str] = &[
    "Logo exploration",
    "Wireframes",
    "Copy review",
    "QA pass",
    "Sprint planning",
    "User interviews",
    "Moodboard",
    "Prototype",
    "Usability test",
    "Content audit",
    "Illustrations",
    "Photo shoot",
    "Translations",
    "Release notes",
    "Performance tuning",
    "Bug triage",
    "Analytics setup",
    "Client workshop",
    "Style frames",
    "Storyboard",
    "Final delivery",
    "Kick-off",
    "Legal review",
    "Stakeholder demo",
];

pub const TEAMS: &[(&str, &str)] = &[
    ("Design", "🎨"),
    ("Engineering", "🛠️"),
    ("Marketing", "📣"),
    ("Content", "✍️"),
    ("Data", "📊"),
    ("Operations", "⚙️"),
    ("Client services", "🤝"),
    ("Video", "🎬"),
];

/// (display name, e-mail local part).
pub const PEOPLE: &[(&str, &str)] = &[
    ("Aiko Tanaka", "aiko.tanaka"),
    ("Björn Lindqvist", "bjorn.lindqvist"),
    ("Chiara Russo", "chiara.russo"),
    ("Dmitri Volkov", "dmitri.volkov"),
    ("Émilie Dubois", "emilie.dubois"),
    ("Farah Haddad", "farah.haddad"),
    ("Gustavo Pereira", "gustavo.pereira"),
    ("Hannah Schmidt", "hannah.schmidt"),
    ("Ines García", "ines.garcia"),
    ("Jonas Kowalski", "jonas.kowalski"),
    ("Kwame Mensah", "kwame.mensah"),
    ("Lena Novak", "lena.novak"),
    ("Mateo Fernández", "mateo.fernandez"),
    ("Nora Berg", "nora.berg"),
    ("Olusegun Adeyemi", "olusegun.adeyemi"),
    ("Priya Raman", "priya.raman"),
    ("Quentin Moreau", "quentin.moreau"),
    ("Rosa Jensen", "rosa.jensen"),
    ("Sanna Virtanen", "sanna.virtanen"),
    ("Tomás Ó Briain", "tomas.obriain"),
    ("Uma Patel", "uma.patel"),
    ("Viktor Horváth", "viktor.horvath"),
    ("Wen Li", "wen.li"),
    ("Yusuf Demir", "yusuf.demir"),
    ("Zoë van Dijk", "zoe.vandijk"),
    ("Ana Popescu", "ana.popescu"),
    ("Malik Johnson", "malik.johnson"),
];

/// (code, name, entity, type).
pub const ROLES: &[(&str, &str, &str, &str)] = &[
    ("admin", "Admin", "organization", "system"),
    ("member", "Member", "organization", "system"),
    ("project_manager", "Project manager", "workspace", "system"),
    ("team_lead", "Team lead", "workspace", "system"),
    ("viewer", "Viewer", "workspace", "system"),
    ("finance", "Finance", "organization", "custom"),
];

/// Role-like names for ghosts; suffixes are added to many of them, and many stay bare,
/// so the list has plenty of equal names.
pub const GHOST_ROLES: &[&str] = &[
    "Senior designer",
    "Designer",
    "Backend developer",
    "Frontend developer",
    "Full-stack developer",
    "QA engineer",
    "Project manager",
    "Product manager",
    "Copywriter",
    "Data analyst",
    "DevOps engineer",
    "UX researcher",
    "Illustrator",
    "Motion designer",
    "Account manager",
    "Art director",
    "iOS developer",
    "Android developer",
    "Tech lead",
    "Content strategist",
    "Video editor",
    "Sales lead (50% time)",
    "Ångström analyst",
    "Développeuse",
    "Développeur senior",
    "Diseñadora gráfica",
    "Projektleiterin",
    "Ingénieur QA",
    "デザイナー",
    "エンジニア",
    "设计师",
    "产品经理",
    "Разработчик",
    "Дизайнер",
    "Тестировщик",
    "Σχεδιαστής",
    "Illustrator 🎨",
    "Launch crew 🚀",
];

pub const SUFFIXES: &[&str] = &[
    " (contract)",
    " (part-time)",
    " (freelance)",
    " – EMEA",
    " – night shift",
];

pub const SHORT_DESCRIPTIONS: &[&str] = &[
    "Covers the Q3 rebrand until we hire",
    "Placeholder for the second hire in the spring plan",
    "Backfill while Nora is on parental leave",
    "Budgeted; recruiter briefed",
    "Needed only if the client signs phase two",
    "Freelancer pool, any of three people",
    "Héritage de l'ancienne équipe de Lyon",
    "夏のキャンペーン用",
    "Временная позиция на полгода",
    "TBD",
];

pub const PARAGRAPHS: &[&str] = &[
    "This slot holds the work we have sold but not yet staffed. Until someone is \
     hired, the hours planned here show up in capacity reports as unassigned, which is \
     exactly what we want the leadership review to see.",
    "Scope: two days a week on the design system, the rest split between campaign \
     work and whatever the account team escalates. Expect a lot of context switching; \
     the handbook's section on intake applies.",
    "Hiring notes: the interview loop is portfolio review, a paired exercise and a \
     conversation with the team lead. Salary band agreed with finance in March.",
    "If this ghost is still unembodied at the end of the quarter, move its project \
     assignments to the contractor pool and close the requisition.",
];
