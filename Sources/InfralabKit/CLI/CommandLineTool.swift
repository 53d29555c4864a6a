/// The command-line entry point (placeholder until the CLI layer lands).
public enum CommandLineTool {
    public static func run(arguments: [String], environment: [String: String]) -> Int32 {
        print("infralab: under construction")
        return 0
    }
}
