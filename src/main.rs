fn main() {
    println!("ghosts: under construction");
}
