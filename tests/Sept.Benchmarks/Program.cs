Console.WriteLine("usage: scripts/bench <analysis|kernel|app>");
