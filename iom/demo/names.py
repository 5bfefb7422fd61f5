"""Made-up building blocks for synthetic people and places: common UK names, fictional towns.

No combination is meant to be anyone; the towns of Demoshire do not exist.
"""

MALE_FIRST_NAMES = (
    "Aaron", "Adam", "Alan", "Andrew", "Anthony", "Ashley", "Ben", "Bradley", "Callum", "Carl",
    "Chris", "Connor", "Craig", "Daniel", "Darren", "David", "Dean", "Declan", "Dylan", "Gary",
    "Harry", "Jack", "Jake", "James", "Jamie", "Jason", "Jordan", "Josh", "Kieran", "Kyle",
    "Lee", "Leon", "Lewis", "Liam", "Luke", "Mark", "Martin", "Matthew", "Michael", "Nathan",
    "Neil", "Paul", "Reece", "Ricky", "Robert", "Ryan", "Scott", "Sean", "Shane", "Stephen",
    "Steven", "Stuart", "Thomas", "Tony", "Tyler", "Wayne",
)  # fmt: skip
FEMALE_FIRST_NAMES = (
    "Amy", "Chantelle", "Charlotte", "Chloe", "Danielle", "Emma", "Gemma", "Hayley", "Jade",
    "Jodie", "Kayleigh", "Kelly", "Laura", "Leanne", "Lisa", "Louise", "Michelle", "Natalie",
    "Nicola", "Rebecca", "Sarah", "Stacey", "Tracey", "Zoe",
)  # fmt: skip
MIDDLE_NAMES = ("James", "John", "Lee", "Paul", "Michael", "Anne", "Marie", "Louise", "Jay")
LAST_NAMES = (
    "Allen", "Armstrong", "Atkinson", "Bailey", "Baker", "Barker", "Barnes", "Bennett", "Booth",
    "Bradley", "Brooks", "Brown", "Burton", "Butler", "Carter", "Chapman", "Clarke", "Cole",
    "Collins", "Cooper", "Cox", "Davies", "Dawson", "Dixon", "Edwards", "Ellis", "Evans",
    "Fisher", "Foster", "Fox", "Gibson", "Graham", "Gray", "Green", "Griffiths",
    "Hall", "Harris", "Harrison", "Hill", "Holmes", "Hughes", "Hunt", "Jackson", "James",
    "Johnson", "Jones", "Kelly", "Kennedy", "King", "Knight", "Lane", "Lawrence", "Lee", "Lewis",
    "Lloyd", "Marshall", "Mason", "Matthews", "Mills", "Mitchell", "Moore", "Morgan", "Morris",
    "Murphy", "Murray", "Owen", "Palmer", "Parker", "Pearson", "Phillips", "Powell", "Price",
    "Reid", "Richards", "Roberts", "Robinson", "Rogers", "Rose", "Russell", "Saunders", "Shaw",
    "Simpson", "Smith", "Spencer", "Stevens", "Stewart", "Taylor", "Thomas", "Thompson",
    "Turner", "Walker", "Ward", "Watson", "Webb", "Wells", "White", "Wilkinson", "Williams",
    "Wilson", "Wood", "Wright", "Young",
)  # fmt: skip
NICKNAMES = ("Spud", "Tank", "Jonesy", "Smudge", "Dodge", "Ginger", "Bones", "Skinny", "Taz")
STREETS = (
    "Mill Lane", "Church Street", "Station Road", "Victoria Street", "Park Avenue", "Green Lane",
    "Chapel Row", "Kiln Close", "Foundry Walk", "Canal Side", "Orchard Way", "Quarry Road",
)  # fmt: skip
SUBSTANCES = ("Heroin", "Crack cocaine", "Cocaine", "Cannabis", "Alcohol", "Spice")
