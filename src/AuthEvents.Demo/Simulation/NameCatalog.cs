namespace AuthEvents.Demo.Simulation;

/// <summary>Given and family names by home country, for synthetic people only.</summary>
internal static class NameCatalog
{
    private static readonly string[] EnglishFirst =
    [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
        "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
        "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Sandra", "Steven", "Ashley",
        "Andrew", "Kimberly", "Joshua", "Emily", "Kevin", "Donna", "Brian", "Michelle", "Carlos", "Maria",
        "Luis", "Ana", "Wei", "Mei", "Hiroshi", "Aiko", "Kwame", "Amara", "Omar", "Layla", "Noah", "Olivia",
        "Liam", "Emma", "Mateo", "Sofia", "Ethan", "Ava", "Jamal", "Keisha", "Diego", "Camila", "Tyrone", "Grace",
    ];

    private static readonly string[] EnglishLast =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
        "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
        "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
        "Chen", "Kim", "Patel", "Okafor", "Haddad", "Yamamoto", "Novak", "Kowalski", "O'Brien", "Murphy",
    ];

    private static readonly Dictionary<string, (string[] First, string[] Last)> Regional = new(StringComparer.Ordinal)
    {
        ["DE"] = (["Lukas", "Anna", "Jonas", "Lea", "Felix", "Hannah", "Maximilian", "Sophie", "Jürgen", "Katrin"],
                  ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Koch"]),
        ["FR"] = (["Louis", "Camille", "Hugo", "Chloé", "Jules", "Léa", "Gabriel", "Manon", "Théo", "Inès"],
                  ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"]),
        ["BR"] = (["João", "Ana", "Pedro", "Beatriz", "Lucas", "Juliana", "Gabriel", "Larissa", "Rafael", "Fernanda"],
                  ["Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes"]),
        ["IN"] = (["Aarav", "Priya", "Vivaan", "Ananya", "Aditya", "Diya", "Arjun", "Isha", "Rohan", "Kavya"],
                  ["Sharma", "Verma", "Gupta", "Iyer", "Reddy", "Nair", "Patel", "Singh", "Rao", "Menon"]),
    };

    public static (string First, string Last) Pick(Random random, string country)
    {
        if (Regional.TryGetValue(country, out var names))
        {
            return (random.Pick(names.First), random.Pick(names.Last));
        }

        return (random.Pick(EnglishFirst), random.Pick(EnglishLast));
    }
}
