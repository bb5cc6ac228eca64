//! The browser entry point Trunk builds.

fn main() {
    dossier::run();
}
