fn main() -> std::process::ExitCode {
    stride::cli::main()
}
